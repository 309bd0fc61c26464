package io.parley.command.support;

import io.parley.command.CommandServiceApplication;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as it runs for real: every API request needs a bearer token, signed by the key the tests made
 * ({@link TestTokens}); the browser origin {@value #BOARD} may call it. Every token-mode test class extends this
 * one, so they share one application context.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
                "parley.auth.mode=jwt",
                "parley.cors.allowed-origins=" + TokenApiTest.BOARD,
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "server.address=127.0.0.1"
        })
@EmbeddedKafka(kraft = true, count = 1)
@Import(TokenApiTest.DropTheSchemaAfterwards.class)
public abstract class TokenApiTest {

    /** A dashboard's origin, the one allowed by CORS. */
    public static final String BOARD = "https://board.example.org";

    private static final PrivateDatabase DATABASE = new PrivateDatabase("tokens");

    @DynamicPropertySource
    static void trustAndDatabase(DynamicPropertyRegistry registry) {
        TestTokens.trustSettings().forEach((name, value) -> registry.add(name, () -> value));
        DATABASE.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @TestConfiguration
    static class DropTheSchemaAfterwards {
        @Bean
        DisposableBean dropTokenTestsSchema(JdbcTemplate jdbc) {
            return () -> DATABASE.drop(jdbc);
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Api api;
    protected EventStoreTable store;

    protected static final String TWO_PARTY_TABLE = ApiTest.TWO_PARTY_TABLE;

    protected static final String FACILITATOR = TestTokens.forActor("facilitator");
    protected static final String UKRAINE = TestTokens.forActor("UA");
    protected static final String RUSSIA = TestTokens.forActor("RU");
    protected static final String OBSERVER = TestTokens.forActor("observer");

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port);
        store = new EventStoreTable(jdbc);
    }

    /** The facilitator opens {@link #TWO_PARTY_TABLE} (UA and RU); returns the new negotiation's id. */
    protected String openTwoPartyTable() {
        Api.Response opened = api.post("/api/negotiations").bearer(FACILITATOR).json(TWO_PARTY_TABLE).send();
        assertThat(opened.status()).as("opening: %s", opened).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    /** A proposal by {@code party} on the two-party table's army cap. */
    protected static String proposal(String party) {
        return "{\"party\": \"%s\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": 50000}".formatted(party);
    }
}
