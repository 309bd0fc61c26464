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
import java.util.List;

/**
 * Bearer tokens for tests, signed with a key made for the test run. Services under test trust
 * {@link #publicKeyLocation()} ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}).
 */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    /** {@code file:} URL of the PEM public key the services should trust. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
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

    /** The token a test actor uses: {@code facilitator}, {@code observer}, or a party id such as {@code UA}. */
    public static String forActor(String actor) {
        if ("facilitator".equals(actor) || "observer".equals(actor)) {
            return token(actor, actor);
        }
        return token("team-" + actor.toLowerCase(), "party:" + actor);
    }

    private static String sign(KeyPair keys, String subject, String role, List<String> negotiations, Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("parley-tests")
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expires))
                .claim("roles", List.of(role));
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
