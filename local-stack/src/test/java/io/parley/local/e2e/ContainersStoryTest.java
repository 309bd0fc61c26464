package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.CommandServiceApplication;
import io.parley.query.QueryServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same story as {@link ProposeAndAgreeStoryTest}, against the container images docker-compose.yml uses:
 * Apache Kafka (KRaft) and PostgreSQL. Runs where Docker is available and is skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersStoryTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    @Container
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:16-alpine");

    private static ConfigurableApplicationContext command;
    private static ConfigurableApplicationContext query;

    @BeforeAll
    static void startServices() {
        command = CommandServiceApplication.start(overrides(), false);
        query = QueryServiceApplication.start(overrides(), false);
    }

    @AfterAll
    static void stopServices() {
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
    }

    private static Map<String, Object> overrides() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("spring.kafka.bootstrap-servers", KAFKA.getBootstrapServers());
        props.put("spring.datasource.url", POSTGRES.getJdbcUrl());
        props.put("spring.datasource.username", POSTGRES.getUsername());
        props.put("spring.datasource.password", POSTGRES.getPassword());
        props.putAll(TestStack.jwtTrustingTestTokens());
        return props;
    }

    @Test
    void givenUkraine2025OnContainers_whenEveryoneAcceptsUasProposal_thenTheDealShowsItAgreed() {
        Api api = new Api(url(command), url(query));
        Table table = Table.openUkraine(api);

        String proposal = table.propose("UA", "nato_membership", "PAUSED");
        table.accept("RU", proposal);
        table.accept("US", proposal);
        long version = table.accept("EU", proposal);

        JsonNode nato = table.dealAt(version).get("terms").get("nato_membership");
        assertThat(nato.get("status").asText()).isEqualTo("AGREED");
        assertThat(nato.get("value").asText()).isEqualTo("PAUSED");
        assertThat(table.timeline()).hasSize((int) version);
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
