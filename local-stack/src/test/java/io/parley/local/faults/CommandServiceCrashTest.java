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
 * Scenario 3: the command service dies (SIGKILL) between storing events and publishing them. The event store is the
 * truth and the publisher's position is stored beside it, moved only once Kafka acknowledged: started again, the
 * service publishes what it had stored but not published, and what it had sent but not yet recorded as sent is sent
 * again and dropped as a duplicate by the query side.
 */
@Tag("faults")
@ExtendWith(CrashStack.class)
class CommandServiceCrashTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final ProcessStack stack = CrashStack.get();
    private final Http http = new Http(stack);
    private final FaultLoad load = FaultLoad.fromSystemProperties();
    private final Acknowledged acknowledged = new Acknowledged();

    @Test
    void eventsStoredButNotYetPublishedArePublishedAfterTheServiceIsStartedAgain() {
        MoveMix teams = new MoveMix(http, acknowledged, false);
        List<String> negotiations = teams.open(load.negotiations(), "Command side crash, unpublished");
        // Everything so far is published: whatever is missing later was stored while Kafka was away.
        await("the openings projected").atMost(LIMIT).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.projectedEvents(negotiations) == stack.storedEvents(negotiations));
        long publishedBefore = stack.projectedEvents(negotiations);

        // With no broker the moves are stored and answered, but cannot be published.
        stack.stopBroker();
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(load.clients());
        try {
            teams.run(clients, load.moves() / 2, Duration.ZERO).join();
        } finally {
            clients.shutdownNow();
        }
        assertThat(teams.unexpected()).as("answers other than 201 or a clear 409 (a rule, or a concurrent write)")
                .isEmpty();
        assertThat(teams.landed()).as("moves stored while the broker was down").isPositive();
        long unpublished = stack.storedEvents(negotiations) - publishedBefore;

        stack.killCommand();
        stack.startBroker();
        long restart = System.nanoTime();
        stack.startCommand();
        long restartNanos = System.nanoTime() - restart;

        NothingIsLost.Figures figures = new NothingIsLost(stack).check(acknowledged);

        assertThat(figures.events()).isEqualTo(publishedBefore + unpublished);
        System.out.printf("[faults] command crash before publishing: %d moves while the broker was down over %d"
                        + " negotiations by %d clients; %d landed, %d refused by the rules; %d events stored and not"
                        + " published when the service was killed; started again in %.1f s; all published and"
                        + " projected %.1f s after it was ready (%d records on the topic, %d sent again)%n",
                load.moves() / 2, negotiations.size(), load.clients(), teams.landed(), teams.refusedByRules(),
                unpublished, restartNanos / 1e9, figures.caughtUpAfter().toMillis() / 1e3, figures.records(),
                figures.duplicates());
    }

    @Test
    void aServiceKilledWhilePublishingUnderLoadSendsAgainAndLosesNothing() {
        // The teams hold on while the service is away: each sends its move again, with the same key, until answered.
        MoveMix teams = new MoveMix(http, acknowledged, true);
        List<String> negotiations = teams.open(load.negotiations(), "Command side crash, under load");
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(load.clients());
        long storedAtKill;
        long projectedAtKill;
        long restartNanos;
        try {
            CompletableFuture<Void> writing = teams.run(clients, load.moves(), load.writing());

            // In full flow: moves arriving, events being stored and sent.
            await("a good part of the moves stored").atMost(LIMIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> stack.storedEvents(negotiations) >= negotiations.size() + load.moves() / 4L);
            stack.killCommand();
            storedAtKill = stack.storedEvents(negotiations);
            projectedAtKill = stack.projectedEvents(negotiations);

            long restart = System.nanoTime();
            stack.startCommand();
            restartNanos = System.nanoTime() - restart;
            writing.join();
        } finally {
            clients.shutdownNow();
        }
        assertThat(teams.unexpected()).as("answers other than 201 or a clear 409 (a rule, or a concurrent write)")
                .isEmpty();
        assertThat(teams.unanswered()).as("moves never answered, though the clients held on").isZero();
        assertThat(stack.storedEvents(negotiations)).as("events stored by the end, %s when killed", storedAtKill)
                .isGreaterThan(storedAtKill);

        NothingIsLost.Figures figures = new NothingIsLost(stack).check(acknowledged);

        System.out.printf("[faults] command crash under load: %d moves tried over %d negotiations by %d clients;"
                        + " %d landed (%d answered from the record of a request stored before the kill), %d refused"
                        + " by the rules; killed with %d events stored, %d projected; started again in %.1f s;"
                        + " %d events stored, %d records on the topic (%d sent again); caught up %.1f s after the"
                        + " clients finished%n",
                load.moves(), negotiations.size(), load.clients(), teams.landed(), teams.replayed(),
                teams.refusedByRules(), storedAtKill, projectedAtKill, restartNanos / 1e9, figures.events(),
                figures.records(), figures.duplicates(), figures.caughtUpAfter().toMillis() / 1e3);
    }
}
