package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import io.parley.command.support.EventStoreTable.StoredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Russia has declared that Ukraine never joins NATO; who can take that red line back, and what they get. */
class RetractingRedLinesTest extends ApiTest {

    private String id;
    private String russiasRedLine;

    @BeforeEach
    void russiaDeclaresARedLine() {
        id = openUkraineScenario();
        Api.Response declared = declareRedLine(id, "RU", "RU", "Ukraine never in NATO",
                "deal.nato_membership != 'PURSUE'");
        assertThat(declared.status()).as("declaring: %s", declared).isEqualTo(201);
        russiasRedLine = declared.json().path("redLineId").asText();
    }

    private Api.Call retract(String actor, String redLineId) {
        return api.delete("/api/negotiations/" + id + "/red-lines/" + redLineId).as(actor);
    }

    @Test
    void russiaRetractsItsRedLineAndGetsTheNewVersionWithoutABody() {
        Api.Response retracted = retract("RU", russiasRedLine).send();

        assertThat(retracted.status()).isEqualTo(204);
        assertThat(retracted.header("ETag")).contains("\"3\"");
        assertThat(retracted.body()).isEmpty();
        StoredEvent event = store.events(id).get(2);
        assertThat(event.type()).isEqualTo("RedLineRetracted");
        assertThat(event.payload().path("redLineId").asText()).isEqualTo(russiasRedLine);
        assertThat(event.payload().path("party").asText()).isEqualTo("RU");
        assertThat(event.payload().path("retractedBy").asText()).isEqualTo("RU");
        assertThat(event.metaData().path("actor").asText()).isEqualTo("RU");
    }

    @Test
    void theFacilitatorRetractsRussiasRedLine() {
        Api.Response retracted = retract("facilitator", russiasRedLine).send();

        assertThat(retracted.status()).isEqualTo(204);
        StoredEvent event = store.events(id).get(2);
        assertThat(event.payload().path("party").asText()).isEqualTo("RU");
        assertThat(event.payload().path("retractedBy").asText()).isEqualTo("facilitator");
    }

    @Test
    void ukraineCannotRetractRussiasRedLine() {
        JsonNode problem = assertProblem(retract("UA", russiasRedLine).send(), 403, "forbidden");

        assertThat(problem.path("detail").asText()).contains("RU");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/negotiations/" + id + "/red-lines/" + russiasRedLine);
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aRedLineThatWasNeverDeclaredIsNotFound() {
        JsonNode problem = assertProblem(retract("facilitator", "no-such-red-line").send(), 404, "not-found");

        assertThat(problem.path("detail").asText()).contains("no-such-red-line");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aRedLineAlreadyRetractedIsNotFound() {
        assertThat(retract("RU", russiasRedLine).send().status()).isEqualTo(204);

        assertProblem(retract("RU", russiasRedLine).send(), 404, "not-found");
        assertThat(store.count(id)).isEqualTo(3);
    }

    @Test
    void aRedLineOfANegotiationThatDoesNotExistIsNotFound() {
        String missing = UUID.randomUUID().toString();

        assertProblem(api.delete("/api/negotiations/" + missing + "/red-lines/" + russiasRedLine).as("RU").send(),
                404, "not-found");
        assertThat(store.count(missing)).isZero();
    }

    @Test
    void aRetractionNeedsAnActor() {
        assertProblem(api.delete("/api/negotiations/" + id + "/red-lines/" + russiasRedLine).send(), 400,
                "invalid-input", "X-Actor");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aStaleIfMatchIsRefusedAndTheCurrentOneIsAccepted() {
        Api.Response stale = retract("RU", russiasRedLine).header("If-Match", "\"1\"").send();
        Api.Response current = retract("RU", russiasRedLine).header("If-Match", "\"2\"").send();

        assertThat(assertProblem(stale, 412, "stale-version").path("currentVersion").asLong()).isEqualTo(2);
        assertThat(current.status()).isEqualTo(204);
        assertThat(store.count(id)).isEqualTo(3);
    }

    @Test
    void aRepeatedRetractionWithTheSameIdempotencyKeyGetsTheFirstAnswerAndAppendsNothing() {
        String key = "key-" + UUID.randomUUID();

        Api.Response first = retract("RU", russiasRedLine).header("Idempotency-Key", key).send();
        Api.Response again = retract("RU", russiasRedLine).header("Idempotency-Key", key).send();

        assertThat(first.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag")).contains("\"3\"");
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEmpty();
        assertThat(store.count(id)).isEqualTo(3);
    }

    @Test
    void noRedLineIsRetractedAfterTheNegotiationCollapsed() {
        api.post("/api/negotiations/" + id + "/collapse").as("facilitator").json("{\"reason\": \"walk-out\"}").send();

        JsonNode problem = assertProblem(retract("RU", russiasRedLine).send(), 409, "rule-violation");

        assertThat(problem.path("code").asText()).isEqualTo("negotiation-collapsed");
        assertThat(store.count(id)).isEqualTo(3);
    }
}
