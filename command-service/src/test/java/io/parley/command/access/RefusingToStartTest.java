package io.parley.command.access;

import io.parley.command.CommandServiceApplication;
import io.parley.support.security.TrustNotConfiguredFailureAnalyzer;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** An operator who turned tokens on without saying which to trust is told so at start-up, in one line. */
class RefusingToStartTest {

    @Test
    void tokenModeWithoutTrustSettingsDoesNotStartAndNamesTheThreeVariables() {
        Throwable failure = catchThrowable(() -> CommandServiceApplication.start(settings(""), false).close());

        FailureAnalysis analysis = new TrustNotConfiguredFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("start-up failure %s", failure).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n")
                .contains("PARLEY_AUTH_ISSUER_URI", "PARLEY_AUTH_JWK_SET_URI", "PARLEY_AUTH_PUBLIC_KEY_LOCATION");
    }

    @Test
    void aPublicKeyThatCannotBeReadIsNamed() {
        Throwable failure = catchThrowable(() -> CommandServiceApplication.start(
                settings("file:/nowhere/parley-key.pem"), false).close());

        FailureAnalysis analysis = new TrustNotConfiguredFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("start-up failure %s", failure).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n")
                .contains("PARLEY_AUTH_PUBLIC_KEY_LOCATION", "parley-key.pem");
    }

    private static Map<String, Object> settings(String publicKeyLocation) {
        Map<String, Object> settings = new HashMap<>(TestDatabase.springProperties("refusing-to-start"));
        settings.put("server.port", 0);
        settings.put("parley.auth.mode", "jwt");
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
        settings.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "");
        settings.put("spring.security.oauth2.resourceserver.jwt.public-key-location", publicKeyLocation);
        settings.put("spring.kafka.bootstrap-servers", "127.0.0.1:1");
        return settings;
    }
}
