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
 * 409 to retry; none is lost, none overwrites another, none is a 500.
 */
class ConcurrentWritersTest extends ApiTest {

    @Test
    void simultaneousMovesEachGetTheirOwnVersionOrAConflict() throws Exception {
        String id = openTwoPartyTable();
        AtomicInteger value = new AtomicInteger();

        List<Api.Response> answers = IdempotencyKeyTest.all(8, () -> api.post("/api/negotiations/" + id + "/moves")
                .as("UA")
                .json("{\"party\": \"UA\", \"kind\": \"PROPOSE\", \"term\": \"army_cap\", \"value\": %d}"
                        .formatted(value.incrementAndGet()))
                .send());

        List<Api.Response> accepted = answers.stream().filter(r -> r.status() == 201).toList();
        answers.stream().filter(r -> r.status() != 201).forEach(r -> assertProblem(r, 409, "conflict"));
        assertThat(accepted).isNotEmpty();
        assertThat(accepted).extracting(r -> r.json().path("version").asLong()).doesNotHaveDuplicates();
        assertThat(store.count(id)).isEqualTo(1 + accepted.size());
    }
}
