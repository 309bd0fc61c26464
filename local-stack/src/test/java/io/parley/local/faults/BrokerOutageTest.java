package io.parley.local.faults;

import io.parley.local.e2e.TestStack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1: the broker goes away in the middle of a session. The event store is the truth: writes keep
 * succeeding while Kafka is down, and once a broker is back on the same port and log directory, publishing and the
 * projection catch up with nothing lost and nothing applied twice.
 */
@Tag("faults")
@ExtendWith(FaultStack.class)
class BrokerOutageTest {

    private static final List<String> PARTIES = List.of("A", "B", "C");
    private static final List<String> TERMS = IntStream.range(0, 10).mapToObj(i -> "t" + i).toList();
    private static final List<String> VALUES = List.of("V1", "V2", "V3", "V4");

    private final TestStack stack = FaultStack.get();
    private final Http http = new Http(stack);
    private final FaultLoad load = FaultLoad.fromSystemProperties();
    private final Acknowledged acknowledged = new Acknowledged();
    /** Proposals that got a 201, per negotiation: what the clients may accept. */
    private final Map<String, ConcurrentLinkedQueue<Proposal>> proposals = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Http.Reply> unexpected = new ConcurrentLinkedQueue<>();

    private record Proposal(String moveId, String party) {
    }

    /** How the answers to one stretch of moves came out. */
    private record Tally(int landed, int refusedByRules) {
    }

    @Test
    void writesGoOnWhileTheBrokerIsDownAndEverythingArrivesOnceItIsBack() {
        List<String> negotiations = IntStream.range(0, load.negotiations()).mapToObj(i -> open()).toList();
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(load.clients());
        Tally before;
        Tally during;
        long outageNanos;
        try {
            int firstHalf = load.moves() / 2;
            before = run(clients, negotiations, firstHalf, Duration.ZERO);

            long down = System.nanoTime();
            stack.stopBroker();
            // The rest of the moves, spread over the outage: the clients keep writing while Kafka is away.
            during = run(clients, negotiations, load.moves() - firstHalf, load.outage());
            stack.startBroker();
            outageNanos = System.nanoTime() - down;
        } finally {
            clients.shutdownNow();
        }

        assertThat(unexpected).as("answers other than 201 or a clear 409 (a rule, or a concurrent write)").isEmpty();
        assertThat(during.landed()).as("moves that landed while the broker was down").isPositive();

        NothingIsLost.Figures figures = new NothingIsLost(stack).check(acknowledged);

        assertThat(figures.events()).isGreaterThanOrEqualTo(acknowledged.count() + negotiations.size());
        System.out.printf("[faults] broker outage: %d moves tried over %d negotiations by %d clients; %d landed"
                        + " (%d while the broker was down), %d refused by the rules; outage %.1f s; %d events stored,"
                        + " %d records on the topic (%d sent again); caught up %.1f s after the broker was back%n",
                load.moves(), negotiations.size(), load.clients(), before.landed() + during.landed(), during.landed(),
                before.refusedByRules() + during.refusedByRules(), outageNanos / 1e9, figures.events(),
                figures.records(), figures.duplicates(), figures.caughtUpAfter().toMillis() / 1e3);
    }

    private String open() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Broker outage");
        body.put("parties", PARTIES.stream().map(p -> Map.of("id", p)).toList());
        body.put("terms", TERMS.stream().map(t -> Map.of("id", t, "type", "ENUM", "values", VALUES)).toList());
        Http.Reply opened = http.post("/api/negotiations", "facilitator", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.json().path("id").asText();
        acknowledged.negotiation(id);
        proposals.put(id, new ConcurrentLinkedQueue<>());
        return id;
    }

    /** {@code moves} moves by the clients, started evenly over {@code spread} (all at once when zero). */
    private Tally run(ScheduledExecutorService clients, List<String> negotiations, int moves, Duration spread) {
        long step = moves == 0 ? 0 : spread.toNanos() / moves;
        List<CompletableFuture<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < moves; i++) {
            CompletableFuture<Integer> outcome = new CompletableFuture<>();
            clients.schedule(() -> {
                try {
                    outcome.complete(oneMove(negotiations));
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
            }, i * step, TimeUnit.NANOSECONDS);
            outcomes.add(outcome);
        }
        List<Integer> statuses = outcomes.stream().map(CompletableFuture::join).toList();
        return new Tally((int) statuses.stream().filter(s -> s == 201).count(),
                (int) statuses.stream().filter(s -> s == 409).count());
    }

    /** A proposal, or an acceptance of a proposal another party made; a move the rules refuse by now is fine. */
    private int oneMove(List<String> negotiations) {
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
        Http.Reply reply = http.post("/api/negotiations/" + negotiation + "/moves", party, body);
        if (reply.status() == 201) {
            String moveId = reply.json().path("moveId").asText();
            acknowledged.move(negotiation, moveId, reply.json().path("version").asLong());
            if (proposing) {
                proposals.get(negotiation).add(new Proposal(moveId, party));
            }
        } else if (!(reply.status() == 409 && List.of("rule-violation", "conflict").contains(reply.problem()))) {
            unexpected.add(reply);
        }
        return reply.status();
    }
}
