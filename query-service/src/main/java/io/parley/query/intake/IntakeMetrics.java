package io.parley.query.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * What the intake did with the records it read, counted after each committed batch, and how many records are parked
 * now (read from the database when scraped, so that retries and skips show at once).
 */
@Component
class IntakeMetrics {

    private final Counter applied;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter parked;
    private final DistributionSummary batchSize;
    private final Timer transaction;

    IntakeMetrics(MeterRegistry registry, ParkedEvents parkedEvents) {
        applied = Counter.builder("parley.intake.applied")
                .description("events applied to the projections").register(registry);
        duplicates = Counter.builder("parley.intake.duplicates")
                .description("records skipped because their version was already applied (at-least-once redelivery)")
                .register(registry);
        gaps = Counter.builder("parley.intake.gaps")
                .description("records parked because versions before them are missing").register(registry);
        parked = Counter.builder("parley.intake.parked")
                .description("records set aside in parked_event (malformed, gaps, refused by the fold)")
                .register(registry);
        batchSize = DistributionSummary.builder("parley.intake.batch.records")
                .description("records per batch the consumer hands over (at most max-poll-records)").register(registry);
        transaction = Timer.builder("parley.intake.batch.transaction")
                .description("time a batch spends in its database transaction: lock, fold, write, commit")
                .register(registry);
        for (ParkKind kind : ParkKind.values()) {
            Gauge.builder("parley.intake.parked.current", parkedEvents, p -> p.countParked(kind))
                    .description("records parked now, not yet retried or skipped").tag("kind", kind.name())
                    .register(registry);
        }
    }

    /** Runs a batch's transaction, timing it. */
    <T> T transaction(int records, Supplier<T> work) {
        batchSize.record(records);
        return transaction.record(work);
    }

    void count(BatchOutcome outcome) {
        applied.increment(outcome.applied());
        duplicates.increment(outcome.duplicates());
        gaps.increment(outcome.gaps());
        parked.increment(outcome.parked());
    }
}
