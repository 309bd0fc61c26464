package io.parley.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.parley.model.access.Caller;
import io.parley.model.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTest {

    @TempDir
    Path dataDir;

    @Test
    void everyRoleOfTheReferenceScenarioGetsATokenTheServicesWouldReadAsThatRole() throws Exception {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(dataDir.resolve("local-auth"));

        LocalTokens tokens = LocalTokens.mint(key, Instant.now());

        assertThat(tokens.byName().keySet()).containsExactly("facilitator", "UA", "RU", "US", "EU", "observer");
        RSASSAVerifier verifier = new RSASSAVerifier(LocalSigningKeyTest.publicKeyIn(key.publicKeyFile()));
        List<Caller> callers = new ArrayList<>();
        for (String token : tokens.byName().values()) {
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.verify(verifier)).isTrue();
            var claims = jwt.getJWTClaimsSet();
            callers.add(Caller.fromClaims(claims.getSubject(), claims.getClaim("roles"), claims.getClaim("negotiations")));
        }
        assertThat(callers).extracting(Caller::roleName)
                .containsExactly("facilitator", "party:UA", "party:RU", "party:US", "party:EU", "observer");
        assertThat(callers).extracting(Caller::subject)
                .containsExactly("local-facilitator", "local-ua", "local-ru", "local-us", "local-eu", "local-observer");
        assertThat(callers).allSatisfy(c -> assertThat(c.negotiations()).isNull());
        assertThat(callers.get(0).role()).isEqualTo(Role.FACILITATOR);
    }

    @Test
    void theTokensFileIsOneJsonObjectByNameThatOnlyItsOwnerCanRead() throws Exception {
        LocalTokens tokens = LocalTokens.mint(LocalSigningKey.loadOrCreate(dataDir.resolve("local-auth")), Instant.now());
        Path file = dataDir.resolve("local-tokens.json");

        tokens.writeTo(file);

        String text = Files.readString(file);
        assertThat(text).matches("\\{\"facilitator\": \"[\\w.-]+\", \"UA\": \"[\\w.-]+\", \"RU\": \"[\\w.-]+\", "
                + "\"US\": \"[\\w.-]+\", \"EU\": \"[\\w.-]+\", \"observer\": \"[\\w.-]+\"}\n");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("UA").asText()).isEqualTo(tokens.get("UA"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void writingAgainReplacesTheTokensAndKeepsTheFilePrivate() throws Exception {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(dataDir.resolve("local-auth"));
        Path file = dataDir.resolve("local-tokens.json");
        LocalTokens.mint(key, Instant.now()).writeTo(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        LocalTokens later = LocalTokens.mint(key, Instant.now());
        later.writeTo(file);

        assertThat(new ObjectMapper().readTree(file.toFile()).get("observer").asText()).isEqualTo(later.get("observer"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theBannerListsOneTokenALineWithTheNamesAligned() throws Exception {
        LocalTokens tokens = LocalTokens.mint(LocalSigningKey.loadOrCreate(dataDir), Instant.now());

        List<String> lines = tokens.lines().lines().toList();

        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("  facilitator  " + tokens.get("facilitator"));
        assertThat(lines.get(1)).isEqualTo("  UA           " + tokens.get("UA"));
        assertThat(lines.get(5)).isEqualTo("  observer     " + tokens.get("observer"));
    }
}
