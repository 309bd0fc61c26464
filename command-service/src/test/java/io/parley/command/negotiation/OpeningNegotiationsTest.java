package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import io.parley.command.support.EventStoreTable.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.command.support.Problem.assertProblem;
import static io.parley.command.support.Problem.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;

/** A facilitator opens negotiations: a custom table, or a shipped scenario. */
class OpeningNegotiationsTest extends ApiTest {

    @Test
    void theFacilitatorOpensACustomTableAndGetsItsAddressAndVersion() {
        Api.Response opened = api.post("/api/negotiations").as("facilitator")
                .header("X-Correlation-Id", "session-42").json(TWO_PARTY_TABLE).send();

        assertThat(opened.status()).isEqualTo(201);
        String id = opened.json().path("id").asText();
        assertThat(opened.json().path("version").asLong()).isEqualTo(1);
        assertThat(opened.header("Location")).contains("/api/negotiations/" + id);
        assertThat(opened.header("ETag")).contains("\"1\"");
        assertThat(opened.contentType()).startsWith("application/json");

        List<StoredEvent> events = store.events(id);
        assertThat(events).extracting(StoredEvent::type).containsExactly("NegotiationOpened");
        StoredEvent openedEvent = events.get(0);
        assertThat(openedEvent.payload().path("title").asText()).isEqualTo("Ceasefire talks");
        assertThat(openedEvent.metaData().path("actor").asText()).isEqualTo("facilitator");
        assertThat(openedEvent.metaData().path("correlationId").asText()).isEqualTo("session-42");
        assertThat(openedEvent.metaData().has("idempotencyKey")).isFalse();
    }

    @Test
    void theFacilitatorOpensTheUkraineScenarioByName() {
        Api.Response opened = api.post("/api/negotiations").as("facilitator")
                .json("{\"scenario\": \"ukraine-2025\"}").send();

        assertThat(opened.status()).isEqualTo(201);
        JsonNode event = store.events(opened.json().path("id").asText()).get(0).payload();
        assertThat(event.path("scenario").asText()).isEqualTo("ukraine-2025");
        assertThat(event.path("title").asText()).isEqualTo("Ukraine's post-war security settlement (2025)");
        assertThat(event.path("parties").findValuesAsText("id")).containsExactly("UA", "RU", "US", "EU");
        assertThat(event.path("terms").size()).isGreaterThan(10);
    }

    @Test
    void aScenarioCanBeOpenedUnderItsOwnTitle() {
        Api.Response opened = api.post("/api/negotiations").as("facilitator")
                .json("{\"title\": \"Branch A: armed neutrality\", \"scenario\": \"ukraine-2025\"}").send();

        assertThat(opened.status()).isEqualTo(201);
        JsonNode event = store.events(opened.json().path("id").asText()).get(0).payload();
        assertThat(event.path("title").asText()).isEqualTo("Branch A: armed neutrality");
    }

    @Test
    void aPartyCannotOpenANegotiation() {
        long before = store.countAll();

        Api.Response refused = api.post("/api/negotiations").as("UA").json(TWO_PARTY_TABLE).send();

        assertProblem(refused, 403, "forbidden");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void aScenarioAndAnOwnTableTogetherAreRefusedNamingTheExtraFields() {
        long before = store.countAll();

        Api.Response refused = api.post("/api/negotiations").as("facilitator").json("""
                {"title": "t", "scenario": "ukraine-2025", "parties": [{"id": "UA"}, {"id": "RU"}]}""").send();

        JsonNode problem = assertProblem(refused, 400, "invalid-input", "parties");
        assertThat(errorMessage(problem, "parties")).contains("scenario");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void neitherAScenarioNorAnOwnTableIsRefused() {
        Api.Response refused = api.post("/api/negotiations").as("facilitator").json("{\"title\": \"t\"}").send();

        assertProblem(refused, 400, "invalid-input", "parties", "terms");
    }

    @Test
    void anUnknownScenarioIsRefusedListingTheKnownOnes() {
        long before = store.countAll();

        Api.Response refused = api.post("/api/negotiations").as("facilitator").json("{\"scenario\": \"korea-1953\"}").send();

        JsonNode problem = assertProblem(refused, 400, "invalid-input", "scenario");
        assertThat(errorMessage(problem, "scenario")).contains("korea-1953", "ukraine-2025");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void anInvalidTableIsRefusedNamingEachProblem() {
        long before = store.countAll();

        Api.Response refused = api.post("/api/negotiations").as("facilitator").json("""
                {"title": "", "parties": [{"id": "UA", "name": "Ukraine"}],
                 "terms": [{"id": "army_cap", "type": "INTEGER", "min": 10, "max": 5},
                           {"id": "nato", "type": "ENUM"}]}""").send();

        assertProblem(refused, 400, "invalid-input", "title", "parties", "terms[0].max", "terms[1].values");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void aNewNegotiationHasNoVersionToMatch() {
        Api.Response refused = api.post("/api/negotiations").as("facilitator").header("If-Match", "\"3\"")
                .json(TWO_PARTY_TABLE).send();

        JsonNode problem = assertProblem(refused, 412, "stale-version");
        assertThat(problem.path("currentVersion").asLong()).isZero();
    }
}
