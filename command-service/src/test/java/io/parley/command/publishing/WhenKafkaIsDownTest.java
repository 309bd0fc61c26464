package io.parley.command.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.CommandServiceApplication;
import io.parley.command.support.Api;
import io.parley.command.support.EventStoreTable;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker is unreachable: the service still starts, still takes moves (the event store is the truth), and says
 * in its health that Kafka is DOWN.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
                "spring.kafka.bootstrap-servers=127.0.0.1:1",
                "server.address=127.0.0.1"
        })
@DirtiesContext
class WhenKafkaIsDownTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.springProperties("kafka-down").forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theServiceTakesMovesAndReportsKafkaDown() {
        Api api = new Api("http://127.0.0.1:" + port);

        Api.Response opened = api.post("/api/negotiations").as("facilitator")
                .json("{\"scenario\": \"ukraine-2025\"}").send();
        assertThat(opened.status()).isEqualTo(201);
        assertThat(new EventStoreTable(jdbc).count(opened.json().path("id").asText())).isEqualTo(1);

        Api.Response health = api.get("/actuator/health").send();
        assertThat(health.status()).isEqualTo(503);
        JsonNode components = health.json().path("components");
        assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("kafka").path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
    }
}
