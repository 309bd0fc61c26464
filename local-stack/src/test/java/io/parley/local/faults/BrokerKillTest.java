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
 * The Kafka broker dies outright (SIGKILL to its process) while teams make moves: no orderly shutdown, no last flush
 * of its own. Writes go on (the event store is the truth); the publisher keeps its position until Kafka acknowledges;
 * the broker restarted on the same log directory recovers its log, and every stored event reaches the topic and the
 * projection.
 */
@Tag("faults")
@ExtendWith(CrashStack.class)
class BrokerKillTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final ProcessStack stack = CrashStack.get();
    private final Http http = new Http(stack);
    private final FaultLoad load = FaultLoad.fromSystemProperties();
    private final Acknowledged acknowledged = new Acknowledged();
    private final MoveMix teams = new MoveMix(http, acknowledged, false);

    @Test
    void aKilledBrokerLosesNothingThatWasAcknowledged() {
        List<String> negotiations = teams.open(load.negotiations(), "Broker killed");
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(load.clients());
        long projectedAtKill;
        int landedAtKill;
        long restartNanos;
        try {
            CompletableFuture<Void> writing = teams.run(clients, load.moves(), load.writing());
            await("the projection part-way through the moves").atMost(LIMIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> stack.projectedEvents(negotiations) >= negotiations.size() + load.moves() / 4L);
            stack.killBroker();
            projectedAtKill = stack.projectedEvents(negotiations);
            landedAtKill = teams.landed();

            // The teams go on while the broker is away: their moves are stored and wait to be published.
            await("moves landing while the broker is down").atMost(LIMIT)
                    .until(() -> teams.landed() >= landedAtKill + load.moves() / 10 || writing.isDone());
            long restart = System.nanoTime();
            stack.startBroker();
            restartNanos = System.nanoTime() - restart;
            writing.join();
        } finally {
            clients.shutdownNow();
        }
        assertThat(teams.unexpected()).as("answers other than 201 or a clear 409 (a rule, or a concurrent write)")
                .isEmpty();
        assertThat(teams.landed()).as("moves landed after the kill").isGreaterThan(landedAtKill);

        NothingIsLost.Figures figures = new NothingIsLost(stack).check(acknowledged);

        System.out.printf("[faults] broker killed: %d moves over %d negotiations by %d clients; %d landed (%d before"
                        + " the kill), %d refused by the rules; %d events projected at the kill; broker started again"
                        + " in %.1f s; %d events stored, %d records on the topic (%d sent again), all projected %.1f s"
                        + " after the check began%n",
                load.moves(), negotiations.size(), load.clients(), teams.landed(), landedAtKill,
                teams.refusedByRules(), projectedAtKill, restartNanos / 1e9, figures.events(), figures.records(),
                figures.duplicates(), figures.caughtUpAfter().toMillis() / 1e3);
    }
}
