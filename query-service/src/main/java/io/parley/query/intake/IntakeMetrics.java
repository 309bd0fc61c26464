package io.parley.query.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * What the intake did with the records it read, counted from the outcome of each batch once it is over. (How many
 * records are parked now is the parked records' own gauge.)
 */
@Component
class IntakeMetrics {

    private final Counter applied;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter parked;
    private final DistributionSummary batchSize;
    private final Timer transaction;

    IntakeMetrics(MeterRegistry registry) {
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
    }

    /** A batch's transaction is over, committed or not. */
    void batch(int records, long transactionNanos) {
        batchSize.record(records);
        transaction.record(transactionNanos, TimeUnit.NANOSECONDS);
    }

    /** A committed projection: its applied records and duplicates. */
    void applied(Projection projection) {
        applied.increment(projection.count(Verdict.Applied.class));
        duplicates.increment(projection.count(Verdict.Duplicate.class));
    }

    /** A committed batch's records parked for a gap, and those it parked (a record parked before is not again). */
    void parked(int gapsFound, int parkedNow) {
        gaps.increment(gapsFound);
        parked.increment(parkedNow);
    }
}
