package io.parley.command.http;

import io.parley.command.negotiation.NegotiationCommands;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.CommandServiceApplication;
import io.parley.command.publishing.BoundedRetryProcessor;
import io.parley.command.publishing.KafkaPublisher;
import io.parley.command.support.Api;
import io.parley.command.support.EventStoreTable;
import io.parley.command.support.PrivateDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store goes out of reach: a write is a 503 problem with {@code Retry-After} that says what became of it,
 * it is tried once (not retried like a concurrent write), health and readiness say DOWN, and once the database is
 * back the same write lands.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
                "parley.auth.mode=header",
                // No broker: publishing is not what this test looks at.
                "spring.kafka.bootstrap-servers=127.0.0.1:1",
                "spring.kafka.admin.operation-timeout=1s",
                "spring.kafka.admin.properties[request.timeout.ms]=1000",
                "spring.kafka.admin.properties[default.api.timeout.ms]=1000",
                "server.address=127.0.0.1"
        })
@DirtiesContext
@Import(WhenTheDatabaseIsDownTest.Switchboard.class)
class WhenTheDatabaseIsDownTest {

    /** Its own publisher must not take the token of the other tests' application (on PostgreSQL). */
    private static final PrivateDatabase DATABASE = new PrivateDatabase("db_down");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    private enum Mode { UP, REFUSING, BREAKING_ON_COMMIT }

    private static volatile Mode mode = Mode.UP;
    private static final AtomicInteger refusedConnections = new AtomicInteger();
    private static final AtomicInteger brokenCommits = new AtomicInteger();

    /** Puts a switch in front of the pool: refuse connections as an unreachable server does, or break on commit. */
    @TestConfiguration
    static class Switchboard {
        @Bean
        static BeanPostProcessor switchableDatabase() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource pool ? new Switch(pool) : bean;
                }
            };
        }

        @Bean
        DisposableBean dropDbDownSchema(JdbcTemplate jdbc) {
            return () -> DATABASE.drop(jdbc);
        }
    }

    private static final class Switch extends DelegatingDataSource {
        Switch(DataSource pool) {
            super(pool);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (mode == Mode.REFUSING && aRequest()) {
                refusedConnections.incrementAndGet();
                throw new SQLTransientConnectionException("test: connection is not available, request timed out");
            }
            Connection real = super.getConnection();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("commit") && mode == Mode.BREAKING_ON_COMMIT && aRequest()) {
                            brokenCommits.incrementAndGet();
                            real.rollback();
                            // What PostgreSQL's driver reports when the server goes away mid-conversation.
                            throw new SQLException("test: An I/O error occurred while sending to the backend", "08006");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** The publisher's and the health check's threads are left alone: only a request's connection is counted. */
    private static boolean aRequest() {
        return Thread.currentThread().getName().startsWith("http-nio");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private EventProcessingConfiguration processors;

    private Api api;
    private String negotiation;

    @BeforeEach
    void aNegotiationIsOpen() {
        api = new Api("http://127.0.0.1:" + port);
        Api.Response opened = api.post("/api/negotiations").as("facilitator").json("""
                {"title": "Outage", "parties": [{"id": "UA"}, {"id": "RU"}],
                 "terms": [{"id": "monitors", "type": "ENUM", "values": ["OSCE", "UN"]}]}""").send();
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        negotiation = opened.json().path("id").asText();
    }

    @AfterEach
    void theDatabaseIsBack() {
        mode = Mode.UP;
    }

    @Test
    void aWriteWithoutAConnectionIs503NothingWrittenAndTheSameWriteLandsOnceTheDatabaseIsBack() {
        int refusedBefore = refusedConnections.get();
        mode = Mode.REFUSING;

        Api.Response refused = propose("outage-key-1");

        JsonNode problem = assertProblem(refused, 503, "unavailable");
        assertThat(refused.header("Retry-After")).contains("5");
        assertThat(problem.path("cause").asText()).isEqualTo("database-unreachable");
        assertThat(problem.path("outcome").asText()).isEqualTo("not-written");
        assertThat(problem.path("detail").asText()).contains("cannot be reached", "nothing was written");
        assertThat(refusedConnections.get() - refusedBefore).as("connections asked for: tried once, not retried")
                .isEqualTo(1);
        Api.Response health = api.get("/actuator/health").send();
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("components").path("db").path("status").asText()).isEqualTo("DOWN");
        assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(503);

        mode = Mode.UP;

        assertThat(new EventStoreTable(jdbc).count(negotiation)).as("events after the refused write").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE idempotency_key = ?",
                Integer.class, "outage-key-1")).as("answers recorded for the refused write").isZero();
        assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(200);
        Api.Response retried = propose("outage-key-1");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header(NegotiationCommands.REPLAYED_HEADER)).isEmpty();
        assertThat(new EventStoreTable(jdbc).count(negotiation)).isEqualTo(2);
    }

    @Test
    void aConnectionBrokenDuringTheCommitIs503WithAnUnknownOutcomeAndTheRetryWithTheSameKeyIsSafe() {
        int commitsBefore = brokenCommits.get();
        mode = Mode.BREAKING_ON_COMMIT;

        Api.Response broken = propose("outage-key-2");

        JsonNode problem = assertProblem(broken, 503, "unavailable");
        assertThat(broken.header("Retry-After")).contains("5");
        assertThat(problem.path("outcome").asText()).isEqualTo("unknown");
        assertThat(problem.path("detail").asText()).contains("may or may not have been stored",
                "same Idempotency-Key");
        assertThat(brokenCommits.get() - commitsBefore).as("commits tried: once, not retried").isEqualTo(1);

        mode = Mode.UP;

        // This commit was in fact rolled back: the retry with the same key writes the move, once.
        Api.Response retried = propose("outage-key-2");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(propose("outage-key-2").header(NegotiationCommands.REPLAYED_HEADER)).contains("true");
        assertThat(new EventStoreTable(jdbc).count(negotiation)).isEqualTo(2);
    }

    @Test
    void thePublisherRetriesAtLeastEveryFewSecondsAfterAnOutage() {
        assertThat(processors.eventProcessor(KafkaPublisher.PROCESSOR)).get()
                .isInstanceOf(BoundedRetryProcessor.class);
    }

    private Api.Response propose(String idempotencyKey) {
        return api.post("/api/negotiations/" + negotiation + "/moves").as("UA")
                .header("Idempotency-Key", idempotencyKey)
                .json("{\"party\": \"UA\", \"kind\": \"PROPOSE\", \"term\": \"monitors\", \"value\": \"OSCE\"}")
                .send();
    }
}
