package io.parley.support.security;

/**
 * Authentication settings that cannot work: token mode without a way to verify tokens, without the expected issuer
 * or audience, with an unreadable key, or an unknown mode. The service must not start (it would refuse every
 * request, or worse accept tokens meant for others).
 */
public class TrustNotConfigured extends IllegalStateException {

    public TrustNotConfigured(String message) {
        super(message);
    }

    public TrustNotConfigured(String message, Throwable cause) {
        super(message, cause);
    }
}
