package io.parley.local.faults;

import io.parley.local.e2e.TestStack;

import io.parley.model.negotiation.MoveAccepted;
import io.parley.model.negotiation.MoveProposed;
import io.parley.model.negotiation.TermAgreed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 5: many parties press the same button at the same moment. The event store lets one writer append each
 * version; the others get a clear 409 (never a 500), nothing is written twice, and the versions stay gapless.
 */
@Tag("faults")
@ExtendWith(FaultStack.class)
class ConflictingMovesTest {

    private static final int RIVALS = 50;
    /** The parties besides the proposer whose acceptance the contested term needs. */
    private static final int CONSENTING = 25;
    /** A client that is told another request changed the negotiation at the same time reads again and retries. */
    private static final int MAX_TRIES = 50;

    private final TestStack stack = FaultStack.get();
    private final Http http = new Http(stack);
    private final NothingIsLost checker = new NothingIsLost(stack);
    private final Acknowledged acknowledged = new Acknowledged();
    private String negotiation;

    @BeforeEach
    void givenATableOfFiftyOneParties() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Fifty-one parties, two terms");
        body.put("parties", IntStream.rangeClosed(0, RIVALS).mapToObj(i -> Map.of("id", "P" + i)).toList());
        // Every party may accept; the term is agreed once the first half of them have (P0, who proposes, and P1-P25).
        body.put("terms", List.of(
                Map.of("id", "monitors", "type", "ENUM", "values", List.of("OSCE", "UN", "EU"),
                        "consent", IntStream.rangeClosed(0, CONSENTING).mapToObj(i -> "P" + i).toList()),
                Map.of("id", "observers", "type", "ENUM", "values", List.of("OSCE", "UN", "EU"))));
        Http.Reply opened = http.post("/api/negotiations", "facilitator", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        negotiation = opened.json().path("id").asText();
        acknowledged.negotiation(negotiation);
    }

    @Test
    void fiftyPartiesAcceptingTheSameProposalAtOnceAgreeTheTermExactlyOnce() {
        Http.Reply proposed = move("P0", Map.of("party", "P0", "kind", "PROPOSE", "term", "monitors", "value", "OSCE"));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        String proposal = proposed.json().path("moveId").asText();
        acknowledge(proposed);

        List<List<Http.Reply>> answers = allAtOnce(i -> {
            String party = "P" + (i + 1);
            Map<String, Object> accept = Map.of("party", party, "kind", "ACCEPT", "moveId", proposal);
            List<Http.Reply> tries = new ArrayList<>();
            Http.Reply reply;
            do {
                reply = move(party, accept);
                tries.add(reply);
            } while (reply.status() == 409 && reply.problem().equals("conflict") && tries.size() < MAX_TRIES);
            if (reply.ok()) {
                acknowledge(reply);
            }
            return tries;
        });

        List<Http.Reply> all = answers.stream().flatMap(List::stream).toList();
        assertThat(all).as("no request failed on the server").noneMatch(r -> r.status() >= 500);
        assertThat(all).filteredOn(r -> !r.ok())
                .as("every refusal is a clear problem: a concurrent write, or the proposal already agreed")
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.toString()).isIn(409, 412);
                    assertThat(r.problem()).as(r.toString()).isIn("conflict", "stale-version", "rule-violation");
                    if (r.problem().equals("rule-violation")) {
                        assertThat(r.json().path("code").asText()).as(r.toString()).isEqualTo("proposal-agreed");
                    }
                });
        List<Http.Reply> finals = answers.stream().map(tries -> tries.get(tries.size() - 1)).toList();
        assertThat(IntStream.rangeClosed(1, CONSENTING).mapToObj(i -> finals.get(i - 1)))
                .as("the acceptance of every party the term needs landed").allMatch(r -> r.status() == 201);

        List<NothingIsLost.StoredEvent> stored = checker.storedEvents(negotiation);
        assertThat(stored).filteredOn(e -> e.event() instanceof TermAgreed).as("agreements").hasSize(1);
        assertThat(stored.get(stored.size() - 1).event()).as("nothing is accepted after the agreement")
                .isInstanceOf(TermAgreed.class);
        long accepted = finals.stream().filter(Http.Reply::ok).count();
        assertThat(stored).filteredOn(e -> e.event() instanceof MoveAccepted).hasSize((int) accepted);
        assertThat(stored).as("opening, proposal, acceptances, agreement").hasSize((int) accepted + 3);
        System.out.printf("[faults] conflicts: %d accepts at once: %d landed, %d refused as already agreed,"
                        + " %d answered 409 conflict and retried; one TermAgreed, at version %d%n",
                RIVALS, accepted, RIVALS - accepted, all.size() - RIVALS, stored.size());

        checker.check(acknowledged);
    }

    @Test
    void fiftyProposalsOnOneTermAtOnceEachLandOnceOrAreRefusedClearly() {
        List<Http.Reply> answers = allAtOnce(i -> {
            String party = "P" + (i + 1);
            Http.Reply reply = move(party, Map.of("party", party, "kind", "PROPOSE", "term", "observers",
                    "value", i % 2 == 0 ? "UN" : "EU"));
            if (reply.ok()) {
                acknowledge(reply);
            }
            return reply;
        });

        assertThat(answers).as("no request failed on the server").noneMatch(r -> r.status() >= 500);
        assertThat(answers).filteredOn(r -> !r.ok()).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.problem()).as(r.toString()).isEqualTo("conflict");
        });
        List<Long> versions = answers.stream().filter(Http.Reply::ok).map(r -> r.json().path("version").asLong())
                .sorted().toList();
        assertThat(versions).as("each landed proposal has a version of its own, one after the other")
                .containsExactlyElementsOf(LongStream.rangeClosed(2, versions.size() + 1).boxed().toList());
        assertThat(checker.storedEvents(negotiation)).filteredOn(e -> e.event() instanceof MoveProposed)
                .hasSize(versions.size());
        System.out.printf("[faults] conflicts: %d proposals at once on one term, %d landed, %d got 409%n",
                RIVALS, versions.size(), RIVALS - versions.size());

        checker.check(acknowledged);
    }

    private Http.Reply move(String party, Map<String, Object> body) {
        return http.post("/api/negotiations/" + negotiation + "/moves", party, body);
    }

    private void acknowledge(Http.Reply reply) {
        acknowledged.move(negotiation, reply.json().path("moveId").asText(), reply.json().path("version").asLong());
    }

    /** Runs {@code request} for each of the rivals, all released at the same moment. */
    private static <T> List<T> allAtOnce(IntFunction<T> request) {
        ExecutorService rivals = Executors.newFixedThreadPool(RIVALS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<T>> answers = IntStream.range(0, RIVALS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return request.apply(i);
                    }, rivals))
                    .toList();
            start.countDown();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            rivals.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
