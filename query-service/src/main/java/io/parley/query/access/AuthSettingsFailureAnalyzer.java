package io.parley.query.access;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start without token trust into one line saying what to set, instead of a stack trace. */
public final class MissingTokenTrustAnalyzer extends AbstractFailureAnalyzer<TokenTrust.MissingTokenTrust> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TokenTrust.MissingTokenTrust cause) {
        return new FailureAnalysis(cause.getMessage(), "Set PARLEY_AUTH_ISSUER_URI (an OpenID Connect issuer),"
                + " PARLEY_AUTH_JWK_SET_URI (a JWK set URL) or PARLEY_AUTH_PUBLIC_KEY_LOCATION (a file: URL of a PEM"
                + " RSA public key); or, for development only, PARLEY_AUTH_MODE=header.", cause);
    }
}
