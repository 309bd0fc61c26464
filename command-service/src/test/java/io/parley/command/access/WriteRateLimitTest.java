package io.parley.command.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.CommandServiceApplication;
import io.parley.command.support.Api;
import io.parley.command.support.EventStoreTable;
import io.parley.command.support.PrivateDatabase;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runaway script is slowed down, per caller: here 3 writes a minute, all 3 at once at most. Nobody else is held
 * up, and a refused write writes nothing. CORS is not configured here, so it is closed.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
                "parley.auth.mode=jwt",
                "parley.write-rate.per-minute=3",
                "parley.write-rate.burst=3",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "server.address=127.0.0.1"
        })
@EmbeddedKafka(kraft = true, count = 1)
@DirtiesContext
@Import(WriteRateLimitTest.DropTheSchemaAfterwards.class)
class WriteRateLimitTest {

    private static final PrivateDatabase DATABASE = new PrivateDatabase("rate_limit");

    @DynamicPropertySource
    static void trustAndDatabase(DynamicPropertyRegistry registry) {
        TestTokens.trustSettings().forEach((name, value) -> registry.add(name, () -> value));
        DATABASE.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @TestConfiguration
    static class DropTheSchemaAfterwards {
        @Bean
        DisposableBean dropRateLimitSchema(JdbcTemplate jdbc) {
            return () -> DATABASE.drop(jdbc);
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    private Api api;
    private EventStoreTable store;

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port);
        store = new EventStoreTable(jdbc);
    }

    /** A facilitator of its own, so each story starts with a full bucket. */
    private static String newFacilitator() {
        return TestTokens.token("facilitator-" + UUID.randomUUID(), "facilitator");
    }

    private Api.Response open(String token) {
        return api.post("/api/negotiations").bearer(token).json("{\"scenario\": \"ukraine-2025\"}").send();
    }

    @Test
    void theWriteOverTheLimitIsRefusedWithRetryAfterAndWritesNothing() {
        String facilitator = newFacilitator();
        for (int i = 0; i < 3; i++) {
            assertThat(open(facilitator).status()).as("write %d", i + 1).isEqualTo(201);
        }
        long before = store.countAll();

        Api.Response refused = open(facilitator);

        JsonNode problem = assertProblem(refused, 429, "rate-limited");
        assertThat(problem.path("detail").asText()).contains("3 a minute");
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void oneCallersBurstDoesNotHoldUpAnother() {
        String busy = newFacilitator();
        for (int i = 0; i < 3; i++) {
            open(busy);
        }
        assertThat(open(busy).status()).isEqualTo(429);

        assertThat(open(newFacilitator()).status()).isEqualTo(201);
    }

    @Test
    void theLimitIsCheckedBeforeAnythingElse() {
        String observer = TestTokens.token("observer-" + UUID.randomUUID(), "observer");
        for (int i = 0; i < 3; i++) {
            assertThat(open(observer).status()).isEqualTo(403);
        }

        assertProblem(open(observer), 429, "rate-limited");
    }

    @Test
    void requestsThatWriteNothingAreNotCounted() {
        String facilitator = newFacilitator();
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/nothing-here").bearer(facilitator).send().status()).isEqualTo(404);
        }

        assertThat(open(facilitator).status()).isEqualTo(201);
    }

    @Test
    void withNoOriginsConfiguredNoOriginGetsCorsHeaders() {
        Api.Response preflight = api.call("OPTIONS", "/api/negotiations").header("Origin", "https://board.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").send();
        Api.Response opened = api.post("/api/negotiations").header("Origin", "https://board.example.org")
                .bearer(newFacilitator()).json("{\"scenario\": \"ukraine-2025\"}").send();

        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isEmpty();
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.header("Access-Control-Allow-Origin")).isEmpty();
    }
}
