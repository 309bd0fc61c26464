package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import io.parley.command.support.EventStoreTable.StoredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.parley.command.support.Problem.assertProblem;
import static io.parley.command.support.Problem.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;

/** Ukraine and Russia make moves on a two-party table; every refused move leaves the store as it was. */
class MakingMovesTest extends ApiTest {

    private String id;

    @BeforeEach
    void openTable() {
        id = openTwoPartyTable();
    }

    @Test
    void ukraineProposesAndGetsTheMoveIdAndNewVersion() {
        Api.Response made = move(id, "UA", """
                {"party": "UA", "kind": "PROPOSE", "term": "nato_membership", "value": "PAUSED",
                 "rationale": "armed neutrality first"}""");

        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().path("version").asLong()).isEqualTo(2);
        assertThat(made.header("ETag")).contains("\"2\"");
        String moveId = made.json().path("moveId").asText();
        StoredEvent proposed = store.events(id).get(1);
        assertThat(proposed.type()).isEqualTo("MoveProposed");
        assertThat(proposed.payload().path("moveId").asText()).isEqualTo(moveId);
        assertThat(proposed.payload().path("rationale").asText()).isEqualTo("armed neutrality first");
        assertThat(proposed.metaData().path("actor").asText()).isEqualTo("UA");
        assertThat(proposed.metaData().path("correlationId").asText()).isEqualTo(made.header("X-Correlation-Id").orElseThrow());
    }

    @Test
    void russiaAcceptsAndTheTermIsAgreed() {
        String proposal = propose(id, "UA", "nato_membership", "\"RENOUNCED\"");

        Api.Response accepted = move(id, "RU", """
                {"party": "RU", "kind": "ACCEPT", "moveId": "%s"}""".formatted(proposal));

        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().path("version").asLong()).isEqualTo(4);
        assertThat(store.events(id)).extracting(StoredEvent::type)
                .containsExactly("NegotiationOpened", "MoveProposed", "MoveAccepted", "TermAgreed");
    }

    @Test
    void russiaCountersThenUkraineWithdrawsAndRussiaRejects() {
        String proposal = propose(id, "UA", "army_cap", "\"UNLIMITED\"");

        Api.Response countered = move(id, "RU", """
                {"party": "RU", "kind": "COUNTER", "moveId": "%s", "value": 85000}""".formatted(proposal));
        assertThat(countered.status()).isEqualTo(201);
        String counter = countered.json().path("moveId").asText();

        Api.Response rejected = move(id, "UA", """
                {"party": "UA", "kind": "REJECT", "moveId": "%s", "rationale": "no caps"}""".formatted(counter));
        assertThat(rejected.status()).isEqualTo(201);

        String second = propose(id, "UA", "army_cap", "250000");
        Api.Response withdrawn = move(id, "UA", """
                {"party": "UA", "kind": "WITHDRAW", "moveId": "%s"}""".formatted(second));
        assertThat(withdrawn.status()).isEqualTo(201);
        assertThat(withdrawn.json().path("version").asLong()).isEqualTo(6);

        assertThat(store.events(id)).extracting(StoredEvent::type).containsExactly("NegotiationOpened",
                "MoveProposed", "MoveCountered", "MoveRejected", "MoveProposed", "MoveWithdrawn");
        assertThat(store.events(id).get(2).payload().path("value").asLong()).isEqualTo(85000);
    }

    @Test
    void aPartyCannotMoveForAnotherParty() {
        Api.Response refused = move(id, "RU", """
                {"party": "UA", "kind": "PROPOSE", "term": "nato_membership", "value": "PURSUE"}""");

        assertProblem(refused, 403, "forbidden");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void theFacilitatorCannotMove() {
        Api.Response refused = move(id, "facilitator", """
                {"party": "UA", "kind": "PROPOSE", "term": "nato_membership", "value": "PURSUE"}""");

        assertProblem(refused, 403, "forbidden");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aMoveWithoutAKindIsRefusedListingTheKinds() {
        Api.Response refused = move(id, "UA", """
                {"party": "UA", "term": "nato_membership", "value": "PURSUE"}""");

        JsonNode problem = assertProblem(refused, 400, "invalid-input", "kind");
        assertThat(errorMessage(problem, "kind")).contains("PROPOSE", "ACCEPT", "REJECT", "WITHDRAW", "COUNTER");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void anUnknownKindIsRefusedListingTheKinds() {
        Api.Response refused = move(id, "UA", """
                {"party": "UA", "kind": "DEMAND", "term": "nato_membership", "value": "PURSUE"}""");

        JsonNode problem = assertProblem(refused, 400, "invalid-input", "kind");
        assertThat(errorMessage(problem, "kind")).contains("DEMAND", "PROPOSE", "COUNTER");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aFieldTheKindDoesNotTakeIsNamed() {
        String proposal = propose(id, "UA", "nato_membership", "\"PAUSED\"");

        Api.Response refused = move(id, "RU", """
                {"party": "RU", "kind": "ACCEPT", "moveId": "%s", "term": "nato_membership"}""".formatted(proposal));

        JsonNode problem = assertProblem(refused, 400, "invalid-input", "term");
        assertThat(errorMessage(problem, "term")).contains("ACCEPT");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aProposalWithoutAValueIsRefused() {
        Api.Response refused = move(id, "UA", """
                {"party": "UA", "kind": "PROPOSE", "term": "nato_membership"}""");

        assertProblem(refused, 400, "invalid-input", "value");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aValueOutsideTheTermsDomainIsRefusedByTheRules() {
        Api.Response refused = move(id, "UA", """
                {"party": "UA", "kind": "PROPOSE", "term": "army_cap", "value": -5}""");

        JsonNode problem = assertProblem(refused, 400, "invalid-input", "value");
        assertThat(errorMessage(problem, "value")).contains("-5");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aTermNotOnTheTableIsRefused() {
        Api.Response refused = move(id, "UA", """
                {"party": "UA", "kind": "PROPOSE", "term": "territory", "value": "DONBAS"}""");

        assertProblem(refused, 400, "invalid-input", "term");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void anUnknownMoveIdIsRefused() {
        Api.Response refused = move(id, "RU", """
                {"party": "RU", "kind": "ACCEPT", "moveId": "no-such-move"}""");

        assertProblem(refused, 400, "invalid-input", "moveId");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void acceptingOnesOwnProposalBreaksARuleAndSaysWhich() {
        String proposal = propose(id, "UA", "nato_membership", "\"PAUSED\"");

        Api.Response refused = move(id, "UA", """
                {"party": "UA", "kind": "ACCEPT", "moveId": "%s"}""".formatted(proposal));

        JsonNode problem = assertProblem(refused, 409, "rule-violation");
        assertThat(problem.path("code").asText()).isEqualTo("own-proposal");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aPartyNotAtTheTableMayNotMoveInIt() {
        Api.Response refused = move(id, "US", """
                {"party": "US", "kind": "PROPOSE", "term": "nato_membership", "value": "PURSUE"}""");

        JsonNode problem = assertProblem(refused, 403, "forbidden");
        assertThat(problem.path("detail").asText()).contains("US", "not a party");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aMoveWithAStaleIfMatchIsRefusedWithTheCurrentVersion() {
        propose(id, "UA", "nato_membership", "\"PAUSED\"");

        Api.Response refused = api.post("/api/negotiations/" + id + "/moves").as("RU").header("If-Match", "\"1\"")
                .json("{\"party\": \"RU\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": 1}").send();

        JsonNode problem = assertProblem(refused, 412, "stale-version");
        assertThat(problem.path("currentVersion").asLong()).isEqualTo(2);
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aMoveWithTheCurrentIfMatchSucceedsQuotedOrBare() {
        Api.Response quoted = api.post("/api/negotiations/" + id + "/moves").as("UA").header("If-Match", "\"1\"")
                .json("{\"party\": \"UA\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": 1}").send();
        Api.Response bare = api.post("/api/negotiations/" + id + "/moves").as("RU").header("If-Match", "2")
                .json("{\"party\": \"RU\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": 2}").send();

        assertThat(quoted.status()).isEqualTo(201);
        assertThat(bare.status()).isEqualTo(201);
        assertThat(bare.header("ETag")).contains("\"3\"");
    }

    @Test
    void aMalformedIfMatchIsRefused() {
        Api.Response refused = api.post("/api/negotiations/" + id + "/moves").as("UA").header("If-Match", "W/\"1\"")
                .json("{\"party\": \"UA\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": 1}").send();

        assertProblem(refused, 400, "invalid-input", "If-Match");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aMoveOnANegotiationThatDoesNotExistIsNotFound() {
        Api.Response missing = move("00000000-0000-0000-0000-000000000000", "UA", """
                {"party": "UA", "kind": "PROPOSE", "term": "nato_membership", "value": "PURSUE"}""");

        assertProblem(missing, 404, "not-found");
        assertThat(store.count("00000000-0000-0000-0000-000000000000")).isZero();
    }
}
