package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import io.parley.command.support.EventStoreTable.StoredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A negotiation ends: every party signs, or the facilitator records its collapse. */
class SigningAndCollapsingTest extends ApiTest {

    private String id;

    @BeforeEach
    void openTable() {
        id = openTwoPartyTable();
    }

    private Api.Response sign(String actor, String party) {
        return api.post("/api/negotiations/" + id + "/signatures").as(actor)
                .json("{\"party\": \"%s\"}".formatted(party)).send();
    }

    private Api.Response collapse(String actor, String reason) {
        return api.post("/api/negotiations/" + id + "/collapse").as(actor)
                .json("{\"reason\": \"%s\"}".formatted(reason)).send();
    }

    @Test
    void whenBothPartiesHaveSignedTheNegotiationIsConcludedAndClosed() {
        Api.Response first = sign("UA", "UA");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("version").asLong()).isEqualTo(2);
        assertThat(first.header("ETag")).contains("\"2\"");

        Api.Response last = sign("RU", "RU");
        assertThat(last.status()).isEqualTo(201);
        assertThat(last.json().path("version").asLong()).isEqualTo(4);
        assertThat(store.events(id)).extracting(StoredEvent::type)
                .containsExactly("NegotiationOpened", "DealSigned", "DealSigned", "NegotiationConcluded");

        Api.Response tooLate = move(id, "UA", """
                {"party": "UA", "kind": "PROPOSE", "term": "army_cap", "value": 1}""");
        JsonNode problem = assertProblem(tooLate, 409, "rule-violation");
        assertThat(problem.path("code").asText()).isEqualTo("negotiation-concluded");
        assertThat(store.count(id)).isEqualTo(4);
    }

    @Test
    void signingTwiceBreaksARule() {
        sign("UA", "UA");

        JsonNode problem = assertProblem(sign("UA", "UA"), 409, "rule-violation");
        assertThat(problem.path("code").asText()).isEqualTo("already-signed");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void nobodySignsForAnotherParty() {
        assertProblem(sign("RU", "UA"), 403, "forbidden");
        assertProblem(sign("facilitator", "UA"), 403, "forbidden");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aSignatureNeedsAParty() {
        Api.Response refused = api.post("/api/negotiations/" + id + "/signatures").as("UA").json("{}").send();

        assertProblem(refused, 400, "invalid-input", "party");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void theFacilitatorRecordsACollapseAndNothingMoreCanHappen() {
        Api.Response collapsed = collapse("facilitator", "talks broke down over sanctions");

        assertThat(collapsed.status()).isEqualTo(200);
        assertThat(collapsed.json().path("version").asLong()).isEqualTo(2);
        assertThat(collapsed.header("ETag")).contains("\"2\"");
        assertThat(store.events(id).get(1).payload().path("reason").asText())
                .isEqualTo("talks broke down over sanctions");

        JsonNode problem = assertProblem(sign("UA", "UA"), 409, "rule-violation");
        assertThat(problem.path("code").asText()).isEqualTo("negotiation-collapsed");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void onlyTheFacilitatorCanRecordACollapse() {
        assertProblem(collapse("RU", "we walk out"), 403, "forbidden");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aCollapseNeedsAReason() {
        assertProblem(collapse("facilitator", " "), 400, "invalid-input", "reason");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void signingANegotiationThatDoesNotExistIsNotFound() {
        Api.Response missing = api.post("/api/negotiations/nope/signatures").as("UA").json("{\"party\": \"UA\"}").send();

        assertProblem(missing, 404, "not-found");
    }
}
