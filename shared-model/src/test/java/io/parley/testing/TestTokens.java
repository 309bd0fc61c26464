package io.parley.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens for tests, signed with a key made for the test run, issued by {@link #ISSUER} for {@link #AUDIENCE}.
 * Services under test trust what {@link #trustSettings()} (Spring properties) or {@link #trustEnvironment()}
 * (environment variables) say.
 */
public final class TestTokens {

    /** The {@code iss} of every test token. */
    public static final String ISSUER = "parley-tests";
    /** The {@code aud} of every test token: the API's identifier. */
    public static final String AUDIENCE = "parley-api";

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    /** {@code file:} URL of the PEM public key the services should trust. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    /** The Spring properties that make a service trust these tokens (and check their issuer and audience). */
    public static Map<String, String> trustSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.security.oauth2.resourceserver.jwt.public-key-location", publicKeyLocation());
        settings.put("parley.auth.issuer", ISSUER);
        settings.put("spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
        return settings;
    }

    /** The environment variables that make a service (or the local stack) trust these tokens. */
    public static Map<String, String> trustEnvironment() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PARLEY_AUTH_PUBLIC_KEY_LOCATION", publicKeyLocation());
        settings.put("PARLEY_AUTH_ISSUER", ISSUER);
        settings.put("PARLEY_AUTH_AUDIENCE", AUDIENCE);
        return settings;
    }

    /** A valid token for one hour. {@code role}: {@code facilitator}, {@code party:UA}, {@code observer}. */
    public static String token(String subject, String role) {
        return sign(KEYS, subject, role, null, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A valid token limited to the given negotiations. */
    public static String limitedTo(String subject, String role, List<String> negotiations) {
        return sign(KEYS, subject, role, negotiations, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token that expired an hour ago. */
    public static String expired(String subject, String role) {
        return sign(KEYS, subject, role, null, Instant.now().minus(Duration.ofHours(1)));
    }

    /** A token signed by a key the services do not trust. */
    public static String wrongSignature(String subject, String role) {
        return sign(STRANGER, subject, role, null, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token for another application: signed by the trusted key, but its {@code aud} is not Parley's. */
    public static String wrongAudience(String subject, String role) {
        return sign(KEYS, ISSUER, List.of("another-api"), subject, List.of(role), null, inAnHour());
    }

    /** A token from another issuer signed with the trusted key (a shared key, a mixed-up tenant). */
    public static String wrongIssuer(String subject, String role) {
        return sign(KEYS, "https://elsewhere.example.org/", List.of(AUDIENCE), subject, List.of(role), null, inAnHour());
    }

    /** A valid token whose roles claim holds nothing Parley knows. */
    public static String withoutRole(String subject) {
        return sign(KEYS, ISSUER, List.of(AUDIENCE), subject, List.of("offline_access", "uma_authorization"), null,
                inAnHour());
    }

    /** An OpenID Connect ID token's shape: no roles claim, and {@code aud} is the client's id, not the API's. */
    public static String idToken(String subject) {
        return sign(KEYS, ISSUER, List.of("parley-board"), subject, null, null, inAnHour());
    }

    /** The token a test actor uses: {@code facilitator}, {@code observer}, or a party id such as {@code UA}. */
    public static String forActor(String actor) {
        if ("facilitator".equals(actor) || "observer".equals(actor)) {
            return token(actor, actor);
        }
        return token("team-" + actor.toLowerCase(), "party:" + actor);
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    private static String sign(KeyPair keys, String subject, String role, List<String> negotiations, Instant expires) {
        return sign(keys, ISSUER, List.of(AUDIENCE), subject, List.of(role), negotiations, expires);
    }

    private static String sign(KeyPair keys, String issuer, List<String> audience, String subject, List<String> roles,
                               List<String> negotiations, Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expires));
        if (roles != null) {
            claims.claim("roles", roles);
        }
        if (negotiations != null) {
            claims.claim("negotiations", negotiations);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("parley-test-key", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
