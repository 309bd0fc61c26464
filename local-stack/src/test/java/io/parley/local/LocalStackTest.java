package io.parley.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the stack tells the services about authentication, before any of them starts. */
class LocalStackTest {

    @TempDir
    Path dataDir;

    @Test
    void bothServicesTrustTheLocalKeyInJwtModeWhateverTheEnvironmentSays() {
        LocalStack stack = new LocalStack(settings(StackSettings.Auth.LOCAL_KEY, Optional.empty()));

        stack.prepareSigningKey();

        LocalSigningKey key = stack.signingKey().orElseThrow();
        assertThat(key.publicKeyFile()).isEqualTo(dataDir.resolve("local-auth/public-key.pem"));
        for (Map<String, Object> overrides : new Map[] {stack.commandServiceOverrides(), stack.queryServiceOverrides()}) {
            assertThat(overrides).containsEntry("PARLEY_AUTH_MODE", "jwt")
                    .containsEntry("PARLEY_AUTH_PUBLIC_KEY_LOCATION", key.publicKeyFile().toUri().toString())
                    .containsEntry("PARLEY_AUTH_ISSUER", LocalSigningKey.ISSUER)
                    .containsEntry("PARLEY_AUTH_AUDIENCE", LocalSigningKey.AUDIENCE);
        }
    }

    @Test
    void withAnExternalIssuerTheServicesAreLeftToItAndNoKeyIsMade() {
        LocalStack stack = new LocalStack(settings(StackSettings.Auth.EXTERNAL_ISSUER,
                Optional.of("PARLEY_AUTH_ISSUER_URI https://id.example.org")));

        stack.prepareSigningKey();

        assertThat(stack.signingKey()).isEmpty();
        assertThat(dataDir.resolve("local-auth")).doesNotExist();
        assertThat(stack.commandServiceOverrides()).doesNotContainKeys("PARLEY_AUTH_MODE", "PARLEY_AUTH_PUBLIC_KEY_LOCATION",
                "PARLEY_AUTH_ISSUER", "PARLEY_AUTH_AUDIENCE");
        assertThat(stack.queryServiceOverrides()).doesNotContainKeys("PARLEY_AUTH_MODE", "PARLEY_AUTH_PUBLIC_KEY_LOCATION",
                "PARLEY_AUTH_ISSUER", "PARLEY_AUTH_AUDIENCE");
    }

    @Test
    void inHeaderModeNoKeyIsMadeAndTheServicesReadTheModeThemselves() {
        LocalStack stack = new LocalStack(settings(StackSettings.Auth.HEADER, Optional.empty()));

        stack.prepareSigningKey();

        assertThat(stack.signingKey()).isEmpty();
        assertThat(stack.commandServiceOverrides()).doesNotContainKey("PARLEY_AUTH_MODE");
    }

    /** Databases given, so that the overrides can be read without starting the embedded one. */
    private StackSettings settings(StackSettings.Auth auth, Optional<String> issuer) {
        Optional<String> database = Optional.of("jdbc:postgresql://db.example:5432/parley");
        return new StackSettings(dataDir, 0, Optional.empty(), database, database, 0, 0, 0, auth, issuer);
    }
}
