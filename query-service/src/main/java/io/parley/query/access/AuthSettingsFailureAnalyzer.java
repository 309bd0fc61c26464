package io.parley.query.access;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns unusable authentication settings into one line saying what is wrong and what to set, not a stack trace. */
public final class AuthSettingsFailureAnalyzer extends AbstractFailureAnalyzer<UnusableAuthSettings> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnusableAuthSettings cause) {
        return new FailureAnalysis(cause.getMessage(), "Set PARLEY_AUTH_MODE to jwt (the default) or header"
                + " (development only). In jwt mode set one of PARLEY_AUTH_ISSUER_URI (an OpenID Connect issuer),"
                + " PARLEY_AUTH_JWK_SET_URI (a JWK set URL) or PARLEY_AUTH_PUBLIC_KEY_LOCATION (a file: URL of a PEM"
                + " RSA public key).", cause);
    }
}
