package io.parley.command.access;

/** Token mode without a way to verify tokens: the service must not start (it would refuse every request). */
public class TrustNotConfigured extends RuntimeException {
    public TrustNotConfigured(String message) {
        super(message);
    }

    public TrustNotConfigured(String message, Throwable cause) {
        super(message, cause);
    }
}
