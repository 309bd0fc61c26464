package io.parley.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.parley.model.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's own token issuer: an RSA key pair kept in the data directory, so that tokens handed out once stay
 * valid across restarts until they expire. The services trust its public key; only this machine holds the private one.
 *
 * <p>Files: {@value #PRIVATE_KEY} (PKCS#8 PEM, mode 600) and {@value #PUBLIC_KEY} (X.509 PEM). The public key is
 * always derived from the private one, so a missing or stale public key file is rewritten.
 */
public final class LocalSigningKey {

    /** The {@code iss} of every local token. */
    public static final String ISSUER = "parley-local";
    /** The {@code aud} of every local token: the services check it ({@code PARLEY_AUTH_AUDIENCE}). */
    public static final String AUDIENCE = "parley-api";
    /** How long a local token is valid: a war game's run, not more. */
    public static final Duration VALIDITY = Duration.ofDays(30);

    static final String PRIVATE_KEY = "private-key.pem";
    static final String PUBLIC_KEY = "public-key.pem";

    private static final Logger log = LoggerFactory.getLogger(LocalSigningKey.class);
    private static final int KEY_BITS = 2048;
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final Path publicKeyFile;
    private final boolean created;

    private LocalSigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, Path publicKeyFile, boolean created) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
        this.created = created;
    }

    /** The key in {@code dir}, made there first if there is none. */
    public static LocalSigningKey loadOrCreate(Path dir) {
        Optional<LocalSigningKey> existing = load(dir);
        if (existing.isPresent()) {
            return existing.get();
        }
        PrivateFiles.createDirectory(dir);
        KeyPair pair = generate();
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) pair.getPrivate();
        PrivateFiles.write(dir.resolve(PRIVATE_KEY), pem(PRIVATE_LABEL, privateKey.getEncoded()));
        LocalSigningKey key = withPublicKeyFile(privateKey, dir, true);
        log.info("Created a new signing key for local tokens in {}", dir);
        return key;
    }

    /** The key in {@code dir}, or empty when none was made there yet. Never creates one. */
    public static Optional<LocalSigningKey> load(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY);
        if (!Files.exists(privateFile)) {
            return Optional.empty();
        }
        PrivateFiles.restrict(privateFile);
        RSAPrivateCrtKey privateKey = readPrivateKey(privateFile);
        return Optional.of(withPublicKeyFile(privateKey, dir, false));
    }

    /** {@code file:} URL of the public key, as {@code PARLEY_AUTH_PUBLIC_KEY_LOCATION} takes it. */
    public String publicKeyLocation() {
        return publicKeyFile.toUri().toString();
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** True when this start made the key: tokens from before (of a deleted key) no longer verify. */
    public boolean created() {
        return created;
    }

    /**
     * A token valid for {@link #VALIDITY} from {@code issuedAt}.
     *
     * @param role         {@code facilitator}, {@code observer} or {@code party:<id>}
     * @param negotiations the negotiations it is limited to; empty for all
     */
    public String sign(String subject, String role, List<String> negotiations, Instant issuedAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(VALIDITY)))
                .jwtID(UUID.randomUUID().toString())
                .claim(Caller.ROLES_CLAIM, List.of(role));
        if (!negotiations.isEmpty()) {
            claims.claim(Caller.NEGOTIATIONS_CLAIM, List.copyOf(negotiations));
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private static LocalSigningKey withPublicKeyFile(RSAPrivateCrtKey privateKey, Path dir, boolean created) {
        RSAPublicKey publicKey = publicKeyOf(privateKey);
        Path publicFile = dir.resolve(PUBLIC_KEY);
        String publicPem = pem(PUBLIC_LABEL, publicKey.getEncoded());
        if (!publicPem.equals(readIfPresent(publicFile))) {
            writePublic(publicFile, publicPem);
        }
        return new LocalSigningKey(privateKey, publicKey, publicFile.toAbsolutePath().normalize(), created);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no RSA", e);
        }
    }

    private static RSAPrivateCrtKey readPrivateKey(Path file) {
        String text = readIfPresent(file);
        try {
            byte[] der = fromPem(PRIVATE_LABEL, text);
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
                    instanceof RSAPrivateCrtKey key) {
                return key;
            }
            throw new IllegalArgumentException("not a complete RSA private key");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The local signing key " + file + " cannot be read (" + e.getMessage()
                    + "). Delete " + file.getParent() + " to make a new key; tokens issued before will then stop"
                    + " working.", e);
        }
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
        BigInteger modulus = privateKey.getModulus();
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key: " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] fromPem(String label, String text) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static String readIfPresent(Path file) {
        try {
            // Latin-1 reads any bytes: a damaged file is reported as a bad key, not as a decoding error.
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writePublic(Path file, String pem) {
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
