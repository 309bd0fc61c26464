package io.parley.support.security;

import io.parley.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Both services trust tokens through this one rule set: the signature, the validity period, the issuer always, the
 * audience always, a subject of at most 255 characters. Token mode missing any of the settings does not start.
 */
class TokenTrustTest {

    private static JwtDecoder decoder(Map<String, String> settings) {
        MockEnvironment environment = new MockEnvironment();
        settings.forEach(environment::setProperty);
        return TokenTrust.decoder(AuthSettings.from(environment), new DefaultResourceLoader());
    }

    private static final JwtDecoder TRUSTING_TEST_TOKENS = decoder(TestTokens.trustSettings());

    @Test
    void aTokenOfTheIssuerForTheAudienceIsAccepted() {
        Jwt jwt = TRUSTING_TEST_TOKENS.decode(TestTokens.forActor("UA"));

        assertThat(jwt.getSubject()).isEqualTo("team-ua");
        assertThat(jwt.getAudience()).containsExactly(TestTokens.AUDIENCE);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertThatThrownBy(() -> TRUSTING_TEST_TOKENS.decode(TestTokens.wrongAudience("team-ua", "party:UA")))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("aud");
    }

    @Test
    void anIdTokenIsRefused() {
        assertThatThrownBy(() -> TRUSTING_TEST_TOKENS.decode(TestTokens.idToken("someone")))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("aud");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedEvenWithATrustedKey() {
        assertThatThrownBy(() -> TRUSTING_TEST_TOKENS.decode(TestTokens.wrongIssuer("team-ua", "party:UA")))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("iss");
    }

    @Test
    void aSubjectLongerThanTheColumnsThatRecordItIsRefused() {
        assertThatThrownBy(() -> TRUSTING_TEST_TOKENS.decode(TestTokens.token("x".repeat(256), "observer")))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("sub");
    }

    @Test
    void aTokenWithoutARoleParleyKnowsIsNoApiCaller() {
        Jwt jwt = TRUSTING_TEST_TOKENS.decode(TestTokens.withoutRole("someone"));

        assertThat(CallerAuthentication.of(jwt).getAuthorities()).isEmpty();
        assertThat(CallerAuthentication.of(TRUSTING_TEST_TOKENS.decode(TestTokens.forActor("observer")))
                .getAuthorities()).extracting(Object::toString).containsExactly(CallerAuthentication.API_CALLER);
    }

    @Test
    void withoutAnAudienceTokenModeDoesNotStart() {
        Map<String, String> settings = new java.util.HashMap<>(TestTokens.trustSettings());
        settings.remove("spring.security.oauth2.resourceserver.jwt.audiences");

        assertThat(refusal(settings).getDescription()).doesNotContain("\n").contains("PARLEY_AUTH_AUDIENCE");
    }

    @Test
    void withAKeyButNoIssuerTokenModeDoesNotStart() {
        Map<String, String> settings = new java.util.HashMap<>(TestTokens.trustSettings());
        settings.remove("parley.auth.issuer");

        assertThat(refusal(settings).getDescription()).doesNotContain("\n").contains("PARLEY_AUTH_ISSUER");
    }

    @Test
    void anOpenIdConnectIssuerIsTheIssuerTokensMustName() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(AuthSettings.ISSUER_URI, "https://id.example.org/realms/parley")
                .withProperty(AuthSettings.AUDIENCES, "parley-api");

        assertThat(AuthSettings.from(environment).issuer()).isEqualTo("https://id.example.org/realms/parley");
        assertThat(TokenTrust.decoder(AuthSettings.from(environment), new DefaultResourceLoader())).isNotNull();
    }

    private static FailureAnalysis refusal(Map<String, String> settings) {
        Throwable failure = catchThrowable(() -> decoder(settings));
        FailureAnalysis analysis = new TrustNotConfiguredFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("refusal %s", failure).isNotNull();
        return analysis;
    }
}
