package io.parley.query.access;

import io.parley.query.QueryServiceApplication;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.Http;
import io.parley.support.security.TrustNotConfiguredFailureAnalyzer;
import io.parley.testing.TestDatabase;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An operator deploys the service and forgets to say which tokens to trust, or mistypes the mode: it must refuse to
 * start and say in one line what to set, rather than start open or accept nothing. Once running, an identity provider
 * that cannot be reached makes token checks fail for a while: callers are told to retry, not that their token is bad.
 */
class TokenTrustSettingsTest {

    @Test
    void token_mode_without_an_issuer_refuses_to_start_naming_the_three_settings() {
        Throwable failure = catchThrowable(() -> QueryServiceApplication.start(settings("jwt"), false));

        FailureAnalysis analysis = new TrustNotConfiguredFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n")
                .contains("PARLEY_AUTH_ISSUER_URI", "PARLEY_AUTH_JWK_SET_URI", "PARLEY_AUTH_PUBLIC_KEY_LOCATION");
        assertThat(analysis.getAction()).contains("PARLEY_AUTH_MODE");
    }

    @Test
    void an_unknown_mode_refuses_to_start() {
        Throwable failure = catchThrowable(() -> QueryServiceApplication.start(settings("tokens"), false));

        FailureAnalysis analysis = new TrustNotConfiguredFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n").contains("PARLEY_AUTH_MODE", "'tokens'");
    }

    @Test
    void a_public_key_file_that_does_not_exist_refuses_to_start() {
        Map<String, Object> settings = settings("jwt");
        settings.put("spring.security.oauth2.resourceserver.jwt.public-key-location",
                "file:/nonexistent/" + UUID.randomUUID() + ".pem");

        assertThatThrownBy(() -> QueryServiceApplication.start(settings, false))
                .rootCause().hasMessageContaining("PARLEY_AUTH_PUBLIC_KEY_LOCATION");
    }

    @Test
    void an_identity_provider_out_of_reach_is_a_retryable_problem_not_a_server_error() {
        Map<String, Object> settings = settings("jwt");
        settings.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://127.0.0.1:1/keys");
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:1/realm");
        settings.put("spring.security.oauth2.resourceserver.jwt.audiences", TestTokens.AUDIENCE);
        try (ConfigurableApplicationContext app = QueryServiceApplication.start(settings, false)) {
            Reply reply = new Http(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
                    .getWith(TestTokens.forActor("UA"), "/api/negotiations");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("type").asText()).isEqualTo("urn:parley:problem:unavailable");
            assertThat(reply.header("Retry-After")).contains("5");
        }
    }

    private static Map<String, Object> settings(String mode) {
        Map<String, Object> settings = new LinkedHashMap<>(TestDatabase.springProperties("no-trust"));
        settings.put("parley.auth.mode", mode);
        settings.put("spring.kafka.bootstrap-servers", "127.0.0.1:1");
        settings.put("parley.intake.auto-startup", "false");
        settings.put("server.port", 0);
        settings.put("server.address", "127.0.0.1");
        settings.put("spring.main.banner-mode", "off");
        return settings;
    }
}
