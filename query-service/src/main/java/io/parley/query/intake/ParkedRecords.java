package io.parley.query.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.query.http.Conflict;
import io.parley.query.http.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
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
    private final ProjectionWriter intake;
    private final TransactionTemplate transaction;

    ParkedRecords(ParkedEvents parked, ProjectionWriter intake, TransactionTemplate transaction) {
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
        record Done(List<Retried> retried, Projection projection) {
        }
        Done done = transaction.execute(status -> {
            List<ParkedEvents.Stored> stored = locking.lock();
            Projection projection = intake.write(stored.stream().map(ParkedEvents.Stored::record).toList());
            List<Retried> retried = new ArrayList<>(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                ParkedEntry entry = stored.get(i).entry();
                Verdict verdict = projection.verdicts().get(i);
                if (verdict instanceof Verdict.Parked still) {
                    parked.stillParked(entry.id(), still.kind(), still.reason());
                    retried.add(new Retried(entry.id(), entry.version(), Outcome.STILL_PARKED, still.kind(),
                            still.reason()));
                } else {
                    Outcome outcome = verdict instanceof Verdict.Applied ? Outcome.APPLIED : Outcome.DUPLICATE;
                    parked.resolve(entry.id(), ParkedStatus.RETRIED, by, outcome.name());
                    retried.add(new Retried(entry.id(), entry.version(), outcome, null, null));
                }
            }
            return new Done(retried, projection);
        });
        intake.committed(done.projection());
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
