package io.parley.model.negotiation;

/** The caller's {@code If-Match} names a version the negotiation has moved past (a 412). */
public class StaleVersion extends RuntimeException {

    private final long expected;
    private final long actual;

    public StaleVersion(long expected, long actual) {
        super("the negotiation is at version " + actual + ", not " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
