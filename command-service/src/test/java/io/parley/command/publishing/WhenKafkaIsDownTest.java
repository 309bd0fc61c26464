package io.parley.command.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.command.CommandServiceApplication;
import io.parley.command.support.Api;
import io.parley.command.support.EventStoreTable;
import io.parley.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker is unreachable: the service still starts, still takes moves (the event store is the truth), and says
 * in its health that Kafka is DOWN. Nothing is lost: the publisher does not move past what Kafka did not take.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
                "parley.auth.mode=header",
                "spring.kafka.bootstrap-servers=127.0.0.1:1",
                // Give up on the missing broker within a second, so the publisher's retries come quickly.
                "spring.kafka.admin.operation-timeout=1s",
                "spring.kafka.admin.properties[request.timeout.ms]=1000",
                "spring.kafka.admin.properties[default.api.timeout.ms]=1000",
                "server.address=127.0.0.1"
        })
@DirtiesContext
@Import(WhenKafkaIsDownTest.DropTheSchemaAfterwards.class)
class WhenKafkaIsDownTest {

    /**
     * This context gets a schema of its own: it must not share the publisher's token with the other tests'
     * application, whose publisher would otherwise hold it (on a server named by {@code NEGOTIATION_TEST_JDBC_URL}
     * all contexts share one database).
     */
    private static final String SCHEMA = "kafka_down_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Map<String, String> database = new HashMap<>(TestDatabase.springProperties("kafka-down"));
        String url = database.get("spring.datasource.url");
        database.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        database.put("spring.flyway.schemas", SCHEMA);
        database.forEach((name, value) -> registry.add(name, () -> value));
    }

    @TestConfiguration
    static class DropTheSchemaAfterwards {
        @Bean
        DisposableBean dropKafkaDownSchema(JdbcTemplate jdbc) {
            return () -> jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private PublisherBacklog backlog;

    @Test
    void movesAreStoredHealthSaysKafkaIsDownAndThePublisherDoesNotMovePastThem() {
        Api api = new Api("http://127.0.0.1:" + port);
        double failuresBefore = failedBatches();

        Api.Response opened = api.post("/api/negotiations").as("facilitator")
                .json("{\"scenario\": \"ukraine-2025\"}").send();

        assertThat(opened.status()).isEqualTo(201);
        String id = opened.json().path("id").asText();
        assertThat(new EventStoreTable(jdbc).count(id)).isEqualTo(1);

        Api.Response health = api.get("/actuator/health").send();
        assertThat(health.status()).isEqualTo(503);
        JsonNode components = health.json().path("components");
        assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("kafka").path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");

        // The attempt under way when the event was stored may not have seen it; the one after that has.
        await().atMost(Duration.ofSeconds(30)).until(() -> failedBatches() >= failuresBefore + 2);
        Long stored = jdbc.queryForObject("SELECT globalIndex FROM domainevententry WHERE aggregateIdentifier = ?",
                Long.class, id);
        assertThat(publishedUpTo()).isLessThan(stored);
        // What an operator sees of it: events waiting to be published.
        assertThat(backlog.events()).isPresent();
        assertThat(backlog.events().getAsLong()).isPositive();
    }

    private double failedBatches() {
        return meters.counter("parley.publisher.failures").count();
    }

    /** The global index the publisher's token has reached; -1 before its first batch committed. */
    private long publishedUpTo() {
        List<byte[]> tokens = jdbc.query("SELECT token FROM tokenentry WHERE processorName = ?",
                (rs, i) -> rs.getBytes(1), KafkaPublisher.PROCESSOR);
        if (tokens.isEmpty() || tokens.get(0) == null) {
            return -1;
        }
        try {
            return new ObjectMapper().readTree(tokens.get(0)).path("index").asLong(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
