package io.parley.query.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.query.http.Conflict;
import io.parley.query.http.NotFound;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator does about parked records: retry them through the intake (once the cause is gone, e.g. the
 * missing version has arrived) or skip them with a reason. Each action is one database transaction, with the parked
 * rows and the negotiations' projection rows locked, so it cannot race the intake or another operator.
 */
@Service
class ParkedRecords {

    private static final Logger log = LoggerFactory.getLogger(ParkedRecords.class);

    private final ParkedEvents parked;
    private final EventIntake intake;
    private final TransactionTemplate transaction;

    ParkedRecords(ParkedEvents parked, EventIntake intake, TransactionTemplate transaction) {
        this.parked = parked;
        this.intake = intake;
        this.transaction = transaction;
    }

    /** How a retried record came out. */
    enum Outcome {
        /** It applied: the deal moved on to its version. */
        APPLIED,
        /** Its version had been applied meanwhile (e.g. the publisher sent it again): nothing more to do. */
        DUPLICATE,
        /** It still cannot apply; it stays parked with the reason why. */
        STILL_PARKED
    }

    /**
     * @param kind   for a record still parked, why (the kind may change, e.g. from GAP to FOLD_FAILED)
     * @param reason for a record still parked, why it cannot apply now
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Retried(long id, Long version, Outcome outcome, ParkKind kind, String reason) {
    }

    ParkedEntry find(long id) {
        return parked.find(id).orElseThrow(() -> unknown(id));
    }

    /** Retries one parked record; the outcome says whether it applied. */
    Retried retry(long id, String by) {
        return retryAll(() -> {
            ParkedEvents.Stored stored = parked.lock(id).orElseThrow(() -> unknown(id));
            requireParked(stored.entry(), "retried");
            return List.of(stored);
        }, by).get(0);
    }

    /**
     * Retries every record of one negotiation that is still parked, in version order, so that once a gap is filled
     * all the versions behind it apply.
     */
    List<Retried> retryNegotiation(String negotiationId, String by) {
        return retryAll(() -> parked.lockParkedOf(negotiationId), by);
    }

    /** Skips a parked record: it is never applied, and stays in the table with who skipped it and why. */
    ParkedEntry skip(long id, String reason, String by) {
        transaction.executeWithoutResult(status -> {
            ParkedEvents.Stored stored = parked.lock(id).orElseThrow(() -> unknown(id));
            requireParked(stored.entry(), "skipped");
            parked.resolve(id, ParkedStatus.SKIPPED, by, reason);
        });
        log.warn("Parked record {} skipped by {}: {}", id, by, reason);
        return find(id);
    }

    private interface Locking {
        List<ParkedEvents.Stored> lock();
    }

    private List<Retried> retryAll(Locking locking, String by) {
        record Done(List<Retried> retried, BatchOutcome outcome) {
        }
        Done done = transaction.execute(status -> {
            List<ParkedEvents.Stored> stored = locking.lock();
            Map<Object, ParkedEvents.Stored> byRecord = new IdentityHashMap<>();
            List<ConsumerRecord<String, byte[]>> records = stored.stream()
                    .map(s -> {
                        ConsumerRecord<String, byte[]> record = s.record();
                        byRecord.put(record, s);
                        return record;
                    }).toList();
            EventIntake.Applied applied = intake.reapply(records);
            Map<Object, EventIntake.Result> results = new IdentityHashMap<>();
            applied.results().forEach(r -> results.put(r.record(), r));
            List<Retried> retried = records.stream().map(record -> {
                ParkedEntry entry = byRecord.get(record).entry();
                EventIntake.Result result = results.get(record);
                return switch (result.verdict()) {
                    case APPLIED, DUPLICATE -> {
                        Outcome outcome = result.verdict() == EventIntake.Verdict.APPLIED
                                ? Outcome.APPLIED : Outcome.DUPLICATE;
                        parked.resolve(entry.id(), ParkedStatus.RETRIED, by, outcome.name());
                        yield new Retried(entry.id(), entry.version(), outcome, null, null);
                    }
                    case PARKED -> {
                        parked.stillParked(entry.id(), result.kind(), result.reason());
                        yield new Retried(entry.id(), entry.version(), Outcome.STILL_PARKED, result.kind(),
                                result.reason());
                    }
                };
            }).toList();
            return new Done(retried, new BatchOutcome(applied.count(EventIntake.Verdict.APPLIED),
                    applied.count(EventIntake.Verdict.DUPLICATE), 0, 0, applied.changed()));
        });
        intake.committed(done.outcome());
        done.retried().forEach(r -> log.info("Parked record {} retried by {}: {}{}", r.id(), by, r.outcome(),
                r.reason() == null ? "" : " (" + r.reason() + ")"));
        return done.retried();
    }

    private static void requireParked(ParkedEntry entry, String action) {
        if (entry.status() != ParkedStatus.PARKED) {
            throw new Conflict("not-parked", "parked record " + entry.id() + " cannot be " + action + ": it was "
                    + entry.status() + " already", Map.of("id", entry.id(), "status", entry.status().name()));
        }
    }

    private static NotFound unknown(long id) {
        return new NotFound("no parked record " + id + " is known here");
    }
}
