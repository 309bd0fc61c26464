package io.parley.query.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Applies records of {@code negotiation.events} to the projections, a batch in one database transaction that this
 * class owns: the projection is written and the records it could not apply are parked, or neither. Database errors
 * escape, roll the batch back and are retried by the listener container's error handler; nothing is skipped.
 */
@Service
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final ProjectionWriter writer;
    private final ParkedRecords parking;
    private final IntakeMetrics metrics;
    private final TransactionTemplate transaction;

    EventIntake(ProjectionWriter writer, ParkedRecords parking, IntakeMetrics metrics, TransactionTemplate transaction) {
        this.writer = writer;
        this.parking = parking;
        this.metrics = metrics;
        this.transaction = transaction;
    }

    /** Applies a batch of records in partition order; returns when the batch is committed. */
    public void accept(List<ConsumerRecord<String, byte[]>> records) {
        record Committed(Projection projection, int parkedNow) {
        }
        // Read before the transaction begins: its connection, and its timer, are for the database work.
        List<Incoming> incoming = records.stream().map(Incoming::read).toList();
        long started = System.nanoTime();
        Committed committed;
        try {
            committed = transaction.execute(status -> {
                Projection projection = writer.writeRead(incoming);
                return new Committed(projection, parking.park(projection.parked()));
            });
        } catch (RuntimeException e) {
            log.warn("Could not apply the batch from {} ({} records): {}. Nothing was written; it will be retried.",
                    records.isEmpty() ? "-" : ProjectionWriter.where(records.get(0)), records.size(), e.toString());
            throw e;
        } finally {
            metrics.batch(records.size(), System.nanoTime() - started);
        }
        writer.committed(committed.projection());
        metrics.parked(committed.projection().gaps(), committed.parkedNow());
    }
}
