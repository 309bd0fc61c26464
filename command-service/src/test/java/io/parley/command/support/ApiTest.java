package io.parley.command.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.command.CommandServiceApplication;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service as a client sees it: a real HTTP server on a random port, a real in-process Kafka broker
 * (KRaft) and the test database ({@link TestDatabase}), with the caller named by {@code X-Actor} (header mode).
 * Every API test class extends this one, so they all share one application context.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
                // These stories name their actor in X-Actor; tokens have their own tests (support.TokenApiTest).
                "parley.auth.mode=header",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "server.address=127.0.0.1",
                // Snapshots are taken in every story that makes a few moves, not only in long sessions.
                "parley.snapshot.every=20"
        })
@EmbeddedKafka(kraft = true, count = 1)
@AutoConfigureObservability(tracing = false)
public abstract class ApiTest {

    private static final Map<String, String> DATABASE = TestDatabase.springProperties("command-service");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    private static final ObjectMapper JSON = new ObjectMapper();

    protected Api api;
    protected EventStoreTable store;

    /** Two parties; {@code nato_membership} needs both, {@code army_cap} may be UNLIMITED. */
    protected static final String TWO_PARTY_TABLE = """
            {"title": "Ceasefire talks",
             "parties": [{"id": "UA", "name": "Ukraine"}, {"id": "RU", "name": "Russia"}],
             "terms": [{"id": "nato_membership", "type": "ENUM", "values": ["PURSUE", "PAUSED", "RENOUNCED"]},
                       {"id": "army_cap", "type": "INTEGER", "min": 0, "unlimited": true}]}""";

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port);
        store = new EventStoreTable(jdbc);
    }

    /** The facilitator opens {@link #TWO_PARTY_TABLE}; returns the new negotiation's id. */
    protected String openTwoPartyTable() {
        Api.Response opened = api.post("/api/negotiations").as("facilitator").json(TWO_PARTY_TABLE).send();
        assertThat(opened.status()).as("opening: %s", opened).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    /** The facilitator opens the shipped ukraine-2025 scenario (UA, RU, US, EU); returns the new negotiation's id. */
    protected String openUkraineScenario() {
        Api.Response opened = api.post("/api/negotiations").as("facilitator").json("{\"scenario\": \"ukraine-2025\"}")
                .send();
        assertThat(opened.status()).as("opening: %s", opened).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    /** {@code actor} declares a red line for {@code party}. */
    protected Api.Response declareRedLine(String negotiationId, String actor, String party, String title,
                                          String expression) {
        return api.post("/api/negotiations/" + negotiationId + "/red-lines").as(actor)
                .json(redLineJson(party, title, expression)).send();
    }

    /** The body of a red-line declaration, with the expression escaped as a JSON string. */
    protected static String redLineJson(String party, String title, String expression) {
        try {
            return JSON.writeValueAsString(Map.of("party", party, "title", title, "expression", expression));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code party} proposes {@code valueJson} for {@code term}; returns the move id. */
    protected String propose(String negotiationId, String party, String term, String valueJson) {
        Api.Response made = move(negotiationId, party, """
                {"party": "%s", "kind": "PROPOSE", "term": "%s", "value": %s}""".formatted(party, term, valueJson));
        assertThat(made.status()).as("proposing: %s", made).isEqualTo(201);
        return made.json().path("moveId").asText();
    }

    protected Api.Response move(String negotiationId, String actor, String body) {
        return api.post("/api/negotiations/" + negotiationId + "/moves").as(actor).json(body).send();
    }
}
