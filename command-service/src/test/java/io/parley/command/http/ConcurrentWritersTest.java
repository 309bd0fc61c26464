package io.parley.command.http;

import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several moves on one negotiation at the same moment: each either lands as its own version or is refused with a
 * 409 to retry; none is lost, none overwrites another, none is a 500. Losers of a race are decided again on the
 * winner's state, so parties moving at the same moment normally all succeed.
 */
class ConcurrentWritersTest extends ApiTest {

    @Test
    void simultaneousMovesEachGetTheirOwnVersion() throws Exception {
        String id = openTwoPartyTable();
        AtomicInteger value = new AtomicInteger();

        List<Api.Response> answers = IdempotencyKeyTest.all(8, () -> api.post("/api/negotiations/" + id + "/moves")
                .as("UA")
                .json("{\"party\": \"UA\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": %d}"
                        .formatted(value.incrementAndGet()))
                .send());

        answers.stream().filter(r -> r.status() != 201).forEach(r -> assertProblem(r, 409, "conflict"));
        assertThat(answers).extracting(Api.Response::status).containsOnly(201);
        assertThat(answers).extracting(r -> r.json().path("version").asLong())
                .containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(store.count(id)).isEqualTo(9);
    }

    @Test
    void partiesAcceptingTheSameProposalAtOnceAllLandAndTheTermIsAgreedOnce() throws Exception {
        Api.Response opened = api.post("/api/negotiations").as("facilitator").json("{\"scenario\": \"ukraine-2025\"}").send();
        String id = opened.json().path("id").asText();
        String proposal = propose(id, "UA", "nato_membership", "\"PAUSED\"");
        List<String> acceptors = List.of("RU", "US", "EU");
        AtomicInteger next = new AtomicInteger();

        List<Api.Response> answers = IdempotencyKeyTest.all(3, () -> {
            String party = acceptors.get(next.getAndIncrement());
            return move(id, party, "{\"party\": \"%s\", \"kind\": \"ACCEPT\", \"moveId\": \"%s\"}".formatted(party, proposal));
        });

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        // opening, proposal, three acceptances, one agreement
        assertThat(store.count(id)).isEqualTo(6);
    }
}
