package io.parley.command.access;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up stops with one line that says what to set, instead of a stack trace. */
public class TrustNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<TrustNotConfigured> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TrustNotConfigured cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set PARLEY_AUTH_ISSUER_URI, PARLEY_AUTH_JWK_SET_URI or PARLEY_AUTH_PUBLIC_KEY_LOCATION, or for "
                        + "development only PARLEY_AUTH_MODE=header.", cause);
    }
}
