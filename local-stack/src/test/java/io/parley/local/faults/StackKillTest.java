package io.parley.local.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default set-up killed under load: the local stack started as {@code ./run.sh} starts it (one JVM, its embedded
 * broker, its embedded PostgreSQL) is killed with SIGKILL while teams make moves, started again on the same data
 * directory, and every move it had answered {@code 201} must be there: in the event store exactly once, on
 * {@code negotiation.events}, projected, and served as the fold of the store ({@link NothingIsLost}).
 *
 * <p>Kills alternate between the stack's JVM alone (its PostgreSQL outlives it and is stopped by the next start) and
 * the JVM with its PostgreSQL server (which then recovers from its write-ahead log). Each kill comes at a random moment
 * (the seed is printed); {@code ./mvnw verify} kills twice, {@code -Pfaults} more often
 * ({@code parley.faults.stack-kills}).
 */
@Tag("faults")
class StackKillTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    private static StackProcess stack;
    private static Duration firstStart;

    private final FaultLoad load = FaultLoad.fromSystemProperties();
    private final int kills = Integer.getInteger("parley.faults.stack-kills", 2);

    @BeforeAll
    static void startTheStack() {
        stack = new StackProcess("stack-kill");
        firstStart = stack.start();
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyMoveAnsweredBeforeAKillIsThereAfterTheRestart() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Http http = new Http(stack);
        Acknowledged acknowledged = new Acknowledged();
        // The teams hold on while the stack is away: each sends its move again, with the same key, until answered.
        MoveMix teams = new MoveMix(http, acknowledged, true);
        List<String> negotiations = teams.open(load.negotiations(), "Stack killed");
        System.out.printf("[faults] stack kill: seed %d, first start %.1f s%n", seed, firstStart.toMillis() / 1e3);

        for (int kill = 1; kill <= kills; kill++) {
            boolean withDatabase = kill % 2 == 0;
            ScheduledExecutorService clients = Executors.newScheduledThreadPool(load.clients());
            int answeredBefore = acknowledged.count();
            int killAfter = answeredBefore + 1 + random.nextInt(Math.max(1, load.moves() / 2));
            Duration restart;
            List<Acknowledged.Move> answeredAtKill;
            long storedAtKill;
            try {
                CompletableFuture<Void> writing = teams.run(clients, load.moves(), load.writing());
                await("move " + killAfter + " answered").atMost(LIMIT).pollInterval(Duration.ofMillis(5))
                        .until(() -> acknowledged.count() >= killAfter);
                if (withDatabase) {
                    stack.killStackAndDatabase();
                } else {
                    stack.killStack();
                }
                answeredAtKill = allMoves(acknowledged);
                restart = stack.start();
                storedAtKill = stack.storedEvents(negotiations);
                writing.join();
            } finally {
                clients.shutdownNow();
            }
            assertThat(teams.unexpected()).as("answers other than 201 or a clear 409 (a rule, or a concurrent write)")
                    .isEmpty();
            assertThat(teams.unanswered()).as("moves never answered, though the clients held on").isZero();

            int found = found(answeredAtKill, negotiations);
            NothingIsLost.Figures figures = new NothingIsLost(stack).check(acknowledged);

            System.out.printf("[faults] stack kill %d of %d (%s): %d moves answered 201 before the kill, %d of them"
                            + " found after the restart (%d events stored when it was ready again); started again in"
                            + " %.1f s; %d moves answered by the end (%d from the record of a request stored before"
                            + " the kill), %d events stored, %d records on the topic (%d sent again), caught up"
                            + " %.1f s after the clients finished%n",
                    kill, kills, withDatabase ? "the JVM and its PostgreSQL server" : "the JVM; PostgreSQL outlived it",
                    answeredAtKill.size(), found, storedAtKill, restart.toMillis() / 1e3, acknowledged.count(),
                    teams.replayed(), figures.events(), figures.records(), figures.duplicates(),
                    figures.caughtUpAfter().toMillis() / 1e3);
            assertThat(found).as("moves answered 201 before kill %d and found after the restart", kill)
                    .isEqualTo(answeredAtKill.size());
        }
    }

    private static List<Acknowledged.Move> allMoves(Acknowledged acknowledged) {
        List<Acknowledged.Move> moves = new ArrayList<>();
        acknowledged.negotiations().forEach(n -> moves.addAll(acknowledged.movesIn(n)));
        return moves;
    }

    /** How many of these moves the event store holds. */
    private static int found(List<Acknowledged.Move> moves, List<String> negotiations) {
        NothingIsLost store = new NothingIsLost(stack);
        Set<String> stored = new HashSet<>();
        for (String negotiation : negotiations) {
            store.storedEvents(negotiation).forEach(e -> stored.add(e.payload().path("moveId").asText("")));
        }
        return (int) moves.stream().filter(m -> stored.contains(m.moveId())).count();
    }
}
