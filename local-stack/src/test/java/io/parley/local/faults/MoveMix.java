package io.parley.local.faults;

import org.awaitility.core.ConditionTimeoutException;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Teams making moves over several negotiations at once, as in {@link BrokerOutageTest}: proposals, and acceptances
 * of proposals another party made. Every 201 is recorded in {@link Acknowledged}; a 409 (a rule, or a concurrent
 * write) is a fair answer; anything else is kept in {@link #unexpected()}.
 * <p>
 * A client can be told to hold on while command-service is away: it then sends each move with an
 * {@code Idempotency-Key} and, when the service cannot be reached or hangs up before answering, sends the very same
 * request again until it gets an answer. A move the service stored before it died is then answered from its record
 * (counted in {@link #replayed()}), not written twice.
 */
final class MoveMix {

    private static final List<String> PARTIES = List.of("A", "B", "C");
    private static final List<String> TERMS = IntStream.range(0, 10).mapToObj(i -> "t" + i).toList();
    private static final List<String> VALUES = List.of("V1", "V2", "V3", "V4");
    /** How long a holding-on client keeps sending a move again: long enough for a restart on a busy machine. */
    private static final Duration HOLD_ON = Duration.ofMinutes(3);

    private final Http http;
    private final Acknowledged acknowledged;
    private final boolean holdOn;
    private final List<String> negotiations = new ArrayList<>();
    /** Proposals that got a 201, per negotiation: what the clients may accept. */
    private final Map<String, ConcurrentLinkedQueue<Proposal>> proposals = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Http.Reply> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicInteger landed = new AtomicInteger();
    private final AtomicInteger refusedByRules = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();

    private record Proposal(String moveId, String party) {
    }

    /** @param holdOn whether a client sends a move again when the service is unreachable (else it counts it lost) */
    MoveMix(Http http, Acknowledged acknowledged, boolean holdOn) {
        this.http = http;
        this.acknowledged = acknowledged;
        this.holdOn = holdOn;
    }

    /** Opens {@code count} negotiations of three parties and ten terms. */
    List<String> open(int count, String title) {
        for (int i = 0; i < count; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", title);
            body.put("parties", PARTIES.stream().map(p -> Map.of("id", p)).toList());
            body.put("terms", TERMS.stream().map(t -> Map.of("id", t, "type", "ENUM", "values", VALUES)).toList());
            Http.Reply opened = http.post("/api/negotiations", "facilitator", body);
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            String id = opened.json().path("id").asText();
            acknowledged.negotiation(id);
            proposals.put(id, new ConcurrentLinkedQueue<>());
            negotiations.add(id);
        }
        return List.copyOf(negotiations);
    }

    List<String> negotiations() {
        return List.copyOf(negotiations);
    }

    /**
     * {@code moves} moves, started evenly over {@code spread} (all at once when zero) by the clients' threads; the
     * future completes when every move has its answer.
     */
    CompletableFuture<Void> run(ScheduledExecutorService clients, int moves, Duration spread) {
        long step = moves == 0 ? 0 : spread.toNanos() / moves;
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        for (int i = 0; i < moves; i++) {
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            clients.schedule(() -> {
                try {
                    oneMove();
                    outcome.complete(null);
                } catch (RuntimeException | Error e) {
                    outcome.completeExceptionally(e);
                }
            }, i * step, TimeUnit.NANOSECONDS);
            outcomes.add(outcome);
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
    }

    /** A proposal, or an acceptance of a proposal another party made; a move the rules refuse by now is fine. */
    private void oneMove() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String negotiation = negotiations.get(random.nextInt(negotiations.size()));
        List<Proposal> made = new ArrayList<>(proposals.get(negotiation));
        Map<String, Object> body;
        String party;
        boolean proposing = made.isEmpty() || random.nextInt(10) < 6;
        if (proposing) {
            party = PARTIES.get(random.nextInt(PARTIES.size()));
            body = Map.of("party", party, "kind", "PROPOSE", "term", TERMS.get(random.nextInt(TERMS.size())),
                    "value", VALUES.get(random.nextInt(VALUES.size())));
        } else {
            Proposal target = made.get(random.nextInt(made.size()));
            List<String> others = PARTIES.stream().filter(p -> !p.equals(target.party())).toList();
            party = others.get(random.nextInt(others.size()));
            body = Map.of("party", party, "kind", "ACCEPT", "moveId", target.moveId());
        }
        String path = "/api/negotiations/" + negotiation + "/moves";
        Http.Reply reply = holdOn ? sendUntilAnswered(path, party, body) : http.post(path, party, body);
        if (reply == null) {
            unanswered.incrementAndGet();
            return;
        }
        if (reply.status() == 201) {
            landed.incrementAndGet();
            if (reply.replayed()) {
                replayed.incrementAndGet();
            }
            String moveId = reply.json().path("moveId").asText();
            acknowledged.move(negotiation, moveId, reply.json().path("version").asLong());
            if (proposing) {
                proposals.get(negotiation).add(new Proposal(moveId, party));
            }
        } else if (reply.status() == 409 && List.of("rule-violation", "conflict").contains(reply.problem())) {
            refusedByRules.incrementAndGet();
        } else {
            unexpected.add(reply);
        }
    }

    /** The same request, with the same key, until the service answers; null if it never does within the limit. */
    private Http.Reply sendUntilAnswered(String path, String party, Map<String, Object> body) {
        String key = UUID.randomUUID().toString();
        AtomicReference<Http.Reply> answer = new AtomicReference<>();
        try {
            await("an answer to move " + key).atMost(HOLD_ON).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        try {
                            answer.set(http.post(path, party, body, key));
                            return true;
                        } catch (UncheckedIOException unreachableOrHungUp) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            return null;
        }
        return answer.get();
    }

    int landed() {
        return landed.get();
    }

    int refusedByRules() {
        return refusedByRules.get();
    }

    /** Moves that never got an answer (the service was away and the client did not hold on). */
    int unanswered() {
        return unanswered.get();
    }

    /** 201s the service gave from its record of a request it had stored before it was killed. */
    int replayed() {
        return replayed.get();
    }

    List<Http.Reply> unexpected() {
        return List.copyOf(unexpected);
    }
}
