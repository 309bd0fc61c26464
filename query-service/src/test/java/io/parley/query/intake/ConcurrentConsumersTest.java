package io.parley.query.intake;

import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.query.support.Projected;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DataAccessException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static io.parley.query.support.Projected.timelineRows;
import static io.parley.query.support.Projected.version;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * During a rebalance two consumers can briefly hold the same records. Each (negotiation, version) must still be
 * applied once: the loser of a race waits for the winner's row lock or trips over its keys, rolls back, and on the
 * retry finds the events already applied.
 */
@ExtendWith(QueryServiceExtension.class)
class ConcurrentConsumersTest {

    @Test
    void two_consumers_applying_the_same_records_at_once_apply_each_event_once(QueryService service)
            throws Exception {
        EventIntake intake = service.app().getBean(EventIntake.class);
        List<Session> sessions = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long offset = 1_000_000;
        for (int i = 0; i < 5; i++) {
            Session session = Projected.agreedNatoPause("Rebalanced " + i);
            sessions.add(session);
            for (PublishedEvent e : session.events()) {
                records.add(new ConsumerRecord<>("rebalance-drill", 0, offset++, e.negotiationId(),
                        EventJson.write(e)));
            }
        }
        // The second consumer starts halfway, as if it took the partition over from a committed offset.
        List<ConsumerRecord<String, byte[]>> secondHalf = records.subList(records.size() / 2, records.size());
        CyclicBarrier together = new CyclicBarrier(2);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> applyRetrying(intake, records, together));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                () -> applyRetrying(intake, secondHalf, together));
        CompletableFuture.allOf(first, second).get(60, TimeUnit.SECONDS);

        for (Session session : sessions) {
            assertThat(version(service, session.id())).isEqualTo(session.version());
            assertThat(timelineRows(service, session.id())).isEqualTo(session.events().size());
        }
    }

    /** What the listener container does: retry a batch the database refused. Returns the number of attempts. */
    private static int applyRetrying(EventIntake intake, List<ConsumerRecord<String, byte[]>> records,
                                     CyclicBarrier together) {
        try {
            together.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (int attempt = 1; attempt <= 20; attempt++) {
            try {
                intake.accept(records);
                return attempt;
            } catch (DataAccessException conflict) {
                // the other consumer won this round
            }
        }
        throw new AssertionError("the batch never went through");
    }
}
