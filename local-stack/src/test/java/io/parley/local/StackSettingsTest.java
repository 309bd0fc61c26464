package io.parley.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void without_variables_everything_runs_embedded_in_data_under_the_working_directory() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of());

        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath().normalize());
        assertThat(settings.kafkaLogDir()).isEqualTo(settings.dataDir().resolve("kafka"));
        assertThat(settings.embeddedKafka()).isTrue();
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.commandPort()).isEqualTo(8081);
        assertThat(settings.queryPort()).isEqualTo(8082);
        assertThat(settings.commandDbUrl()).isEmpty();
        assertThat(settings.queryDbUrl()).isEmpty();
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.postgresPort()).isEqualTo(5433);
        assertThat(settings.postgresDir()).isEqualTo(settings.dataDir().resolve("postgres"));
    }

    @Test
    void variables_move_the_data_the_ports_and_the_infrastructure() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of(
                "PARLEY_DATA_DIR", "/tmp/parley-game",
                "PARLEY_KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092",
                "PARLEY_COMMAND_DB_URL", "jdbc:postgresql://db/parley",
                "PARLEY_QUERY_DB_URL", "jdbc:postgresql://db/parley",
                "PARLEY_COMMAND_PORT", "9081",
                "PARLEY_QUERY_PORT", " 9082 "));

        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/parley-game"));
        assertThat(settings.embeddedKafka()).isFalse();
        assertThat(settings.externalKafka()).contains("kafka.example:9092");
        assertThat(settings.commandDbUrl()).contains("jdbc:postgresql://db/parley");
        assertThat(settings.queryDbUrl()).contains("jdbc:postgresql://db/parley");
        assertThat(settings.commandPort()).isEqualTo(9081);
        assertThat(settings.queryPort()).isEqualTo(9082);
        assertThat(settings.embeddedDatabase()).as("both services have a database").isFalse();
        assertThat(StackSettings.fromEnvironment(Map.of("PARLEY_QUERY_DB_URL", "jdbc:postgresql://db/parley"))
                .embeddedDatabase()).as("command-service has none").isTrue();
        assertThat(StackSettings.fromEnvironment(Map.of("PARLEY_POSTGRES_PORT", "6543")).postgresPort())
                .isEqualTo(6543);
    }

    @Test
    void a_port_that_is_not_a_number_is_named_with_its_variable() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("PARLEY_QUERY_PORT", "eighty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PARLEY_QUERY_PORT must be a port number from 1 to 65535, not 'eighty'");
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("PARLEY_KAFKA_PORT", "70000")))
                .hasMessage("PARLEY_KAFKA_PORT must be a port number from 1 to 65535, not '70000'");
    }

    @Test
    void two_parts_of_the_stack_cannot_share_a_port() {
        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("PARLEY_QUERY_PORT", "8081")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three different ports");
        assertThat(StackSettings.fromEnvironment(Map.of(
                "PARLEY_KAFKA_BOOTSTRAP_SERVERS", "localhost:8081", "PARLEY_KAFKA_PORT", "8082",
                "PARLEY_COMMAND_PORT", "8083")).kafkaPort())
                .as("the embedded broker's port does not matter with an external Kafka")
                .isEqualTo(8082);
    }

    @Test
    void without_an_issuer_the_stack_signs_its_own_tokens_with_a_key_in_the_data_directory() {
        StackSettings settings = StackSettings.fromEnvironment(Map.of("PARLEY_DATA_DIR", "/tmp/parley-game"));

        assertThat(settings.auth()).isEqualTo(StackSettings.Auth.LOCAL_KEY);
        assertThat(settings.externalIssuer()).isEmpty();
        assertThat(settings.authDir()).isEqualTo(Path.of("/tmp/parley-game/local-auth"));
        assertThat(settings.tokensFile()).isEqualTo(Path.of("/tmp/parley-game/local-tokens.json"));
        assertThat(StackSettings.fromEnvironment(Map.of("PARLEY_AUTH_MODE", "JWT")).auth())
                .isEqualTo(StackSettings.Auth.LOCAL_KEY);
    }

    @Test
    void an_issuer_or_key_of_the_users_own_replaces_the_local_key() {
        assertThat(StackSettings.fromEnvironment(Map.of("PARLEY_AUTH_ISSUER_URI", "https://id.example.org/realms/p")))
                .satisfies(s -> assertThat(s.auth()).isEqualTo(StackSettings.Auth.EXTERNAL_ISSUER))
                .satisfies(s -> assertThat(s.externalIssuer())
                        .contains("PARLEY_AUTH_ISSUER_URI https://id.example.org/realms/p"));
        assertThat(StackSettings.fromEnvironment(Map.of("PARLEY_AUTH_JWK_SET_URI", "https://id.example.org/jwks"))
                .externalIssuer()).contains("PARLEY_AUTH_JWK_SET_URI https://id.example.org/jwks");
        assertThat(StackSettings.fromEnvironment(Map.of("PARLEY_AUTH_PUBLIC_KEY_LOCATION", "file:/etc/parley/key.pem"))
                .auth()).isEqualTo(StackSettings.Auth.EXTERNAL_ISSUER);
        assertThat(StackSettings.fromEnvironment(Map.of("PARLEY_AUTH_ISSUER_URI", " ")).auth())
                .as("an empty variable is no issuer")
                .isEqualTo(StackSettings.Auth.LOCAL_KEY);
    }

    @Test
    void header_mode_turns_tokens_off_and_other_modes_are_refused() {
        StackSettings header = StackSettings.fromEnvironment(Map.of("PARLEY_AUTH_MODE", "header",
                "PARLEY_AUTH_ISSUER_URI", "https://id.example.org"));
        assertThat(header.auth()).isEqualTo(StackSettings.Auth.HEADER);
        assertThat(header.externalIssuer()).isEmpty();

        assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("PARLEY_AUTH_MODE", "none")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PARLEY_AUTH_MODE must be jwt or header, not 'none'");
    }

    @Test
    void the_token_command_reads_only_the_authentication_settings() {
        StackSettings settings = StackSettings.authOnly(Map.of("PARLEY_DATA_DIR", "/tmp/parley-game",
                "PARLEY_QUERY_PORT", "8081"));

        assertThat(settings.authDir()).isEqualTo(Path.of("/tmp/parley-game/local-auth"));
        assertThat(settings.auth()).isEqualTo(StackSettings.Auth.LOCAL_KEY);
    }

    @Test
    void tests_may_ask_for_any_free_port_everywhere() {
        StackSettings settings = new StackSettings(Path.of("/tmp/parley-test"), 0, Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 0);

        assertThat(settings.commandPort()).isZero();
        assertThat(settings.queryPort()).isZero();
    }
}
