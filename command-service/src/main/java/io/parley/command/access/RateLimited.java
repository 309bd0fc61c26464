package io.parley.command.access;

/** The caller made more writes than its rate allows (a 429); it may write again after {@code retryAfterSeconds}. */
public class RateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimited(long retryAfterSeconds, long perMinute, long burst) {
        super("too many writes: at most " + perMinute + " a minute, " + burst + " at once; nothing was written, retry in "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
