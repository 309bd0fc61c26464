package io.parley.local.faults;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 2: the query service dies in the middle of the stream (SIGKILL: no shutdown, no last offset commit, its
 * consumer group still counts it as a member) while the teams go on making moves. Started again, it resumes from
 * the offsets it last committed: what it had applied but not yet committed comes again and is recognised as already
 * applied, nothing is skipped, nothing is applied twice, and the deals it serves are the fold of the event store.
 */
@Tag("faults")
@ExtendWith(CrashStack.class)
class QueryServiceCrashTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final ProcessStack stack = CrashStack.get();
    private final Http http = new Http(stack);
    private final FaultLoad load = FaultLoad.fromSystemProperties();
    private final Acknowledged acknowledged = new Acknowledged();
    private final MoveMix teams = new MoveMix(http, acknowledged, false);

    @Test
    void aKilledQueryServiceResumesFromItsCommittedPositionWithNoGapAndNothingAppliedTwice() {
        List<String> negotiations = teams.open(load.negotiations(), "Query side crash");
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(load.clients());
        long projectedAtKill;
        long storedAtKill;
        long restartNanos;
        long readyAt;
        try {
            CompletableFuture<Void> writing = teams.run(clients, load.moves(), load.writing());

            // Mid-stream: the projection has taken a good part of the moves and more are on their way.
            await("the projection part-way through the moves").atMost(LIMIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> stack.projectedEvents(negotiations) >= negotiations.size() + load.moves() / 4L);
            stack.killQuery();
            projectedAtKill = stack.projectedEvents(negotiations);
            storedAtKill = stack.storedEvents(negotiations);
            int landedAtKill = teams.landed();

            // The teams go on while the query side is away.
            await("moves landing while the query service is down").atMost(LIMIT)
                    .until(() -> teams.landed() >= landedAtKill + load.moves() / 10 || writing.isDone());
            long restart = System.nanoTime();
            stack.startQuery();
            readyAt = System.nanoTime();
            restartNanos = readyAt - restart;
            writing.join();
        } finally {
            clients.shutdownNow();
        }
        assertThat(teams.unexpected()).as("answers other than 201 or a clear 409 (a rule, or a concurrent write)")
                .isEmpty();
        long stored = stack.storedEvents(negotiations);
        assertThat(projectedAtKill).as("events the projection held when it was killed, of %s stored by the end",
                stored).isPositive().isLessThan(stored);

        await("the projection holding every stored event").atMost(LIMIT).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.projectedEvents(negotiations) >= stored);
        long catchUpNanos = System.nanoTime() - readyAt;

        NothingIsLost.Figures figures = new NothingIsLost(stack).check(acknowledged);

        // Counted by the restarted process: records it was given again because the dead one had not committed them.
        IntakeCounters counters = IntakeCounters.of(http);
        assertThat(counters.gaps()).as("records the restarted intake found versions missing before").isZero();
        assertThat(counters.parked()).as("records the restarted intake parked").isZero();
        System.out.printf("[faults] query crash: %d moves tried over %d negotiations by %d clients; %d landed,"
                        + " %d refused by the rules; %d events stored; killed with %d events applied of %d stored"
                        + " then; started again in %.1f s, caught up %.1f s after; %d records redelivered and"
                        + " recognised as applied, %d applied after the restart%n",
                load.moves(), negotiations.size(), load.clients(), teams.landed(), teams.refusedByRules(),
                figures.events(), projectedAtKill, storedAtKill, restartNanos / 1e9, catchUpNanos / 1e9,
                counters.duplicates(), counters.applied());
    }
}
