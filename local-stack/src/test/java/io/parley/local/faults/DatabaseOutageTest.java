package io.parley.local.faults;

import io.parley.local.e2e.TestStack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 4: the database goes out of reach for a few seconds in the middle of a session. Writes fail fast with a
 * 503 problem that says to retry (nobody waits beyond the configured timeout), health goes DOWN on both services,
 * and once the database is back everything recovers by itself: health UP, writes land, publishing and the projection
 * catch up, and every move that was acknowledged is there exactly once.
 * <p>
 * The stack is this test's own: both services reach their database through a {@link DatabaseLink} the test cuts.
 */
@Tag("faults")
class DatabaseOutageTest {

    private static final List<String> PARTIES = List.of("A", "B", "C");
    private static final List<String> TERMS = IntStream.range(0, 10).mapToObj(i -> "t" + i).toList();
    private static final List<String> VALUES = List.of("V1", "V2", "V3", "V4");
    /** Shorter than the outage, so that requests during it run out of time rather than wait it out. */
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(2);
    /** What "no request hung" allows beyond the timeout on a busy build machine. */
    private static final Duration MARGIN = Duration.ofSeconds(8);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("parley.faults.db-outage-seconds", 4));
    private static final Duration RECOVERY = Duration.ofMinutes(1);

    private static IsolatedDatabase database;
    private static DatabaseLink link;
    private static TestStack stack;

    private final Http http = new Http(stack);
    private final FaultLoad load = FaultLoad.fromSystemProperties();
    private final Acknowledged acknowledged = new Acknowledged();
    /** Proposals that got a 201, per negotiation: what the clients may accept. */
    private final Map<String, ConcurrentLinkedQueue<Proposal>> proposals = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    private record Proposal(String moveId, String party) {
    }

    /** One write: its reply, and how long the service took to give it. */
    private record Answer(Http.Reply reply, Duration took) {
        boolean unavailable() {
            return reply.status() == 503;
        }
    }

    @BeforeAll
    static void aStackWhoseDatabaseCanBeCut() {
        database = IsolatedDatabase.create("db-outage");
        link = DatabaseLink.to(database.host(), database.port());
        Map<String, Object> overrides = new HashMap<>(database.springProperties());
        overrides.put("spring.datasource.url", database.urlThrough(link.port()));
        overrides.put("PARLEY_COMMAND_DB_TIMEOUT", DB_TIMEOUT.toMillis() + "ms");
        overrides.put("PARLEY_QUERY_DB_TIMEOUT", DB_TIMEOUT.toMillis() + "ms");
        // The load comes from a handful of test accounts far faster than any person types.
        overrides.put("PARLEY_WRITE_RATE_PER_MINUTE", "1000000");
        overrides.put("PARLEY_WRITE_BURST", "100000");
        stack = new TestStack("db-outage", overrides);
    }

    @AfterAll
    static void closeTheStack() {
        if (stack != null) {
            stack.close();
        }
        if (link != null) {
            link.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void writesFailFastWhileTheDatabaseIsAwayAndEverythingRecoversByItself() {
        List<String> negotiations = IntStream.range(0, load.negotiations()).mapToObj(i -> open()).toList();
        ExecutorService clients = Executors.newFixedThreadPool(load.clients());
        int before = load.moves() / 2;
        int after = load.moves() - before;
        long restored;
        int duringOutage;
        try {
            writeAll(clients, negotiations, before);
            answers.clear();

            link.cut();
            long cutAt = System.nanoTime();
            long deadline = cutAt + OUTAGE.toNanos();
            // Every client keeps writing for as long as the database is away.
            List<CompletableFuture<Void>> writers = IntStream.range(0, load.clients())
                    .mapToObj(i -> CompletableFuture.runAsync(() -> {
                        while (System.nanoTime() < deadline) {
                            oneMove(negotiations);
                        }
                    }, clients))
                    .toList();
            await("health DOWN on both services").atMost(OUTAGE.plus(MARGIN)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.getFromCommand("/actuator/health", "facilitator").status() == 503
                            && http.get("/actuator/health", "facilitator").status() == 503);
            assertThat(http.getFromCommand("/actuator/health/readiness", "facilitator").status())
                    .as("command-service ready").isEqualTo(503);
            Http.Reply read = http.get("/api/negotiations/" + negotiations.get(0) + "/deal", "facilitator");
            assertThat(read.status()).as("a read during the outage: %s", read).isEqualTo(503);
            assertThat(read.problem()).isEqualTo("unavailable");
            await("the end of the outage").atMost(OUTAGE.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                    .until(() -> System.nanoTime() >= deadline);

            link.restore();
            restored = System.nanoTime();
            writers.forEach(CompletableFuture::join);
            duringOutage = answers.size();
        } finally {
            clients.shutdownNow();
        }

        List<Answer> outage = List.copyOf(answers);
        List<Answer> refused = outage.stream().filter(Answer::unavailable).toList();
        assertThat(refused).as("writes refused with 503 while the database was away").isNotEmpty();
        assertThat(refused).allSatisfy(a -> {
            assertThat(a.reply().problem()).as(a.reply().toString()).isEqualTo("unavailable");
            assertThat(a.reply().header("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/problem+json"));
            assertThat(a.reply().header("Retry-After")).as(a.reply().toString()).isPresent();
            assertThat(a.reply().json().path("detail").asText()).contains("event store");
        });
        assertThat(outage).as("answers other than 201, a clear 409 or a 503 during the outage")
                .allMatch(a -> a.unavailable() || a.reply().status() == 201 || refusedByRules(a.reply()));
        assertThat(outage).as("no write waited beyond the database timeout (%s) and a margin", DB_TIMEOUT)
                .allMatch(a -> a.took().compareTo(DB_TIMEOUT.plus(MARGIN)) <= 0);
        Duration slowest503 = refused.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();

        await("health UP on both services").atMost(RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> http.getFromCommand("/actuator/health", "facilitator").status() == 200
                        && http.get("/actuator/health", "facilitator").status() == 200);
        Duration healthUp = since(restored);
        await("a write that lands").atMost(RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> oneMove(negotiations) == 201);
        Duration firstWrite = since(restored);
        answers.clear();
        ExecutorService again = Executors.newFixedThreadPool(load.clients());
        try {
            writeAll(again, negotiations, after);
        } finally {
            again.shutdownNow();
        }
        assertThat(answers).as("writes after the outage: 201 or a clear 409")
                .allMatch(a -> a.reply().status() == 201 || refusedByRules(a.reply()));
        assertThat(answers).as("writes after the outage that landed").anyMatch(a -> a.reply().status() == 201);

        NothingIsLost.Figures figures = new NothingIsLost(stack).check(acknowledged);

        assertThat(figures.events()).isGreaterThanOrEqualTo(acknowledged.count() + negotiations.size());
        int tried = before + duringOutage + after;
        System.out.printf("[faults] database outage: %d moves tried over %d negotiations by %d clients, %d landed;"
                        + " database away %.1f s (timeout %.1f s): %d writes answered 503, the slowest in %.2f s;"
                        + " after it came back: health UP in %.1f s, first write landed in %.1f s; %d events stored,"
                        + " %d records on the topic (%d sent again); caught up %.1f s after the check began%n",
                tried, negotiations.size(), load.clients(), acknowledged.count(), OUTAGE.toMillis() / 1e3,
                DB_TIMEOUT.toMillis() / 1e3, refused.size(), slowest503.toMillis() / 1e3,
                healthUp.toMillis() / 1e3, firstWrite.toMillis() / 1e3, figures.events(), figures.records(),
                figures.duplicates(), figures.caughtUpAfter().toMillis() / 1e3);
    }

    private String open() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Database outage");
        body.put("parties", PARTIES.stream().map(p -> Map.of("id", p)).toList());
        body.put("terms", TERMS.stream().map(t -> Map.of("id", t, "type", "ENUM", "values", VALUES)).toList());
        Http.Reply opened = http.post("/api/negotiations", "facilitator", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.json().path("id").asText();
        acknowledged.negotiation(id);
        proposals.put(id, new ConcurrentLinkedQueue<>());
        return id;
    }

    /** {@code moves} moves shared among the clients, all released at once. */
    private void writeAll(ExecutorService clients, List<String> negotiations, int moves) {
        List<CompletableFuture<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < moves; i++) {
            outcomes.add(CompletableFuture.supplyAsync(() -> oneMove(negotiations), clients));
        }
        outcomes.forEach(CompletableFuture::join);
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
        long started = System.nanoTime();
        Http.Reply reply = http.post("/api/negotiations/" + negotiation + "/moves", party, body);
        answers.add(new Answer(reply, since(started)));
        if (reply.status() == 201) {
            String moveId = reply.json().path("moveId").asText();
            acknowledged.move(negotiation, moveId, reply.json().path("version").asLong());
            if (proposing) {
                proposals.get(negotiation).add(new Proposal(moveId, party));
            }
        }
        return reply.status();
    }

    private static boolean refusedByRules(Http.Reply reply) {
        return reply.status() == 409 && List.of("rule-violation", "conflict").contains(reply.problem());
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
