package io.parley.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./run.sh token <role> [negotiationId ...]} as a facilitator types it. */
class TokenCommandTest {

    private static final String SESSION = "6f1c2b9e-1d7a-4c55-9a0e-3b1f2d4c5e6f";
    private static final String FORK = "0b7e4d2a-9c1f-4e3b-8a5d-2f6c1e9b7a40";

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aTokenLimitedToOneNegotiationNamesItAndNothingElseIsPrinted() throws Exception {
        LocalSigningKey key = startedOnce();

        int status = run(env(), "party:RU", SESSION);

        assertThat(status).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).hasLineCount(1);
        SignedJWT jwt = SignedJWT.parse(out().trim());
        assertThat(jwt.verify(new RSASSAVerifier(LocalSigningKeyTest.publicKeyIn(key.publicKeyFile())))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).containsExactly("party:RU");
        assertThat(claims.getStringListClaim("negotiations")).containsExactly(SESSION);
        assertThat(claims.getSubject()).isEqualTo("local-ru");
        assertThat(claims.getIssuer()).isEqualTo("parley-local");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofDays(30));
        assertThat(claims.getIssueTime().toInstant()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                Duration.ofMinutes(1)));
    }

    @Test
    void withoutNegotiationsTheTokenReachesEveryNegotiation() throws Exception {
        startedOnce();

        assertThat(run(env(), "facilitator")).isZero();

        JWTClaimsSet claims = SignedJWT.parse(out().trim()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).containsExactly("facilitator");
        assertThat(claims.getClaim("negotiations")).isNull();
    }

    @Test
    void severalNegotiationsMayBeNamedAndIdsAreWrittenAsTheServicesWriteThem() throws Exception {
        startedOnce();

        assertThat(run(env(), "observer", SESSION.toUpperCase(), FORK)).isZero();

        assertThat(SignedJWT.parse(out().trim()).getJWTClaimsSet().getStringListClaim("negotiations"))
                .containsExactly(SESSION, FORK);
    }

    @Test
    void beforeTheFirstStartThereIsNoKeyToSignWith() {
        int status = run(env(), "party:UA");

        assertThat(status).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("no local signing key in " + dataDir.resolve("local-auth"))
                .contains("start the stack once (./run.sh)");
        assertThat(dataDir.resolve("local-auth")).doesNotExist();
    }

    @Test
    void withAnExternalIssuerTheCommandRefusesEvenWhenALocalKeyExists() {
        startedOnce();
        Map<String, String> env = env();
        env.put("PARLEY_AUTH_ISSUER_URI", "https://id.example.org/realms/parley");

        assertThat(run(env, "party:UA")).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("https://id.example.org/realms/parley").contains("PARLEY_AUTH_ISSUER_URI is set")
                .contains("get tokens from that issuer");

        err.reset();
        Map<String, String> jwks = env();
        jwks.put("PARLEY_AUTH_JWK_SET_URI", "https://id.example.org/jwks.json");
        assertThat(run(jwks, "facilitator")).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("PARLEY_AUTH_JWK_SET_URI is set");
    }

    @Test
    void aRoleThatIsNotOneIsNamedWithTheUsage() {
        startedOnce();

        assertThat(run(env(), "admin")).isEqualTo(2);
        assertThat(err()).contains("Not a role: 'admin'").contains("facilitator, observer or party:<id>");
        err.reset();
        assertThat(run(env(), "party:")).isEqualTo(2);
        assertThat(run(env(), "party:U A")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void aNegotiationIdThatIsNotOneIsNamed() {
        startedOnce();

        assertThat(run(env(), "party:UA", "6f1c")).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(err()).contains("Not a negotiation id: '6f1c'");
    }

    @Test
    void withoutARoleTheUsageIsPrinted() {
        assertThat(run(env())).isEqualTo(2);
        assertThat(err()).startsWith("usage: ./run.sh token <role> [negotiationId ...]");
    }

    private LocalSigningKey startedOnce() {
        return LocalSigningKey.loadOrCreate(dataDir.resolve("local-auth"));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        return env;
    }

    private int run(Map<String, String> env, String... args) {
        return TokenCommand.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
