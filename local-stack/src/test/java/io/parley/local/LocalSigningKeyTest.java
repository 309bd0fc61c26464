package io.parley.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSigningKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartMakesAKeyPairThatOnlyItsOwnerCanRead() throws Exception {
        Path dir = dataDir.resolve("local-auth");

        LocalSigningKey key = LocalSigningKey.loadOrCreate(dir);

        assertThat(key.created()).isTrue();
        Path privateKey = dir.resolve("private-key.pem");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(key.publicKeyFile()).isEqualTo(dir.resolve("public-key.pem"));
        assertThat(Files.readString(key.publicKeyFile())).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(key.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.publicKeyLocation()).startsWith("file:").isEqualTo(key.publicKeyFile().toUri().toString());
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void aLaterStartReusesTheKeySoThatTokensFromBeforeStillVerify() throws Exception {
        Path dir = dataDir.resolve("local-auth");
        String earlier = LocalSigningKey.loadOrCreate(dir).sign("local-ua", "party:UA", List.of(), Instant.now());

        LocalSigningKey again = LocalSigningKey.loadOrCreate(dir);

        assertThat(again.created()).isFalse();
        assertThat(SignedJWT.parse(earlier).verify(new RSASSAVerifier(publicKeyIn(again.publicKeyFile())))).isTrue();
    }

    @Test
    void aTokenIsRs256FromParleyLocalWithItsRoleAndExpiresAfterThirtyDays() throws Exception {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(dataDir);
        Instant now = Instant.parse("2025-03-01T10:00:00Z");

        SignedJWT jwt = SignedJWT.parse(key.sign("local-facilitator", "facilitator", List.of(), now));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(publicKeyIn(key.publicKeyFile())))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("parley-local");
        assertThat(claims.getAudience()).containsExactly("parley-api");
        assertThat(claims.getSubject()).isEqualTo("local-facilitator");
        assertThat(claims.getStringListClaim("roles")).containsExactly("facilitator");
        assertThat(claims.getClaim("negotiations")).as("not limited").isNull();
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(now.plus(Duration.ofDays(30)));
    }

    @Test
    void aTokenOfAnotherKeyDoesNotVerify() throws Exception {
        LocalSigningKey mine = LocalSigningKey.loadOrCreate(dataDir.resolve("mine"));
        LocalSigningKey other = LocalSigningKey.loadOrCreate(dataDir.resolve("other"));

        SignedJWT forged = SignedJWT.parse(other.sign("local-ua", "party:UA", List.of(), Instant.now()));

        assertThat(forged.verify(new RSASSAVerifier(mine.publicKey()))).isFalse();
    }

    @Test
    void loadingWhereNoKeyWasMadeFindsNothingAndMakesNothing() {
        Path dir = dataDir.resolve("local-auth");

        assertThat(LocalSigningKey.load(dir)).isEmpty();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aLostPublicKeyFileIsWrittenAgainFromThePrivateKey() throws Exception {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(dataDir);
        String publicPem = Files.readString(key.publicKeyFile());
        Files.delete(key.publicKeyFile());

        LocalSigningKey again = LocalSigningKey.load(dataDir).orElseThrow();

        assertThat(Files.readString(again.publicKeyFile())).isEqualTo(publicPem);
    }

    @Test
    void aPrivateKeyOthersCouldReadIsNarrowedToItsOwner() throws Exception {
        LocalSigningKey.loadOrCreate(dataDir);
        Path privateKey = dataDir.resolve("private-key.pem");
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-r--r--"));

        LocalSigningKey.load(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedKeySaysWhichFileAndHowToStartAgain() throws Exception {
        Files.writeString(dataDir.resolve("private-key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> LocalSigningKey.loadOrCreate(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The local signing key " + dataDir.resolve("private-key.pem") + " cannot be read")
                .hasMessageContaining("Delete " + dataDir + " to make a new key");
    }

    /** Reads the PEM file as any other program would: the services trust this file, not the object in memory. */
    static RSAPublicKey publicKeyIn(Path pem) throws Exception {
        String base64 = Files.readString(pem)
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
    }
}
