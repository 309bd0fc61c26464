package io.parley.support.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up stops with one line that says what is wrong and what to set, instead of a stack trace. */
public final class TrustNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<TrustNotConfigured> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TrustNotConfigured cause) {
        return new FailureAnalysis(cause.getMessage(), "Set PARLEY_AUTH_MODE to jwt (the default) or header"
                + " (development only). In jwt mode set one of PARLEY_AUTH_ISSUER_URI (an OpenID Connect issuer),"
                + " PARLEY_AUTH_JWK_SET_URI (a JWK set URL) or PARLEY_AUTH_PUBLIC_KEY_LOCATION (a file: URL of a PEM"
                + " RSA public key), PARLEY_AUTH_AUDIENCE (the 'aud' tokens for Parley carry) and, unless"
                + " PARLEY_AUTH_ISSUER_URI is set, PARLEY_AUTH_ISSUER (the 'iss' they carry).", cause);
    }
}
