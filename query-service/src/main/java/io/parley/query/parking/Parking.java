package io.parley.query.parking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.query.http.Conflict;
import io.parley.query.http.NotFound;
import io.parley.query.intake.ParkKind;
import io.parley.query.intake.ParkedRecords;
import io.parley.query.intake.Projection;
import io.parley.query.intake.ProjectionWriter;
import io.parley.query.intake.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records of {@code negotiation.events} the intake set aside, and what an operator does about them: retry them
 * through the intake (once the cause is gone, e.g. the missing version has arrived) or skip them with a reason. Each
 * operator action is one database transaction, with the parked rows and the negotiations' projection rows locked, so
 * it cannot race the intake or another operator.
 */
@Service
public class Parking implements ParkedRecords {

    private static final Logger log = LoggerFactory.getLogger(Parking.class);

    private final ParkedEventTable table;
    private final ProjectionWriter intake;
    private final TransactionTemplate transaction;

    Parking(ParkedEventTable table, ProjectionWriter intake, TransactionTemplate transaction) {
        this.table = table;
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

    /**
     * Parks these records, in the caller's transaction; a record already parked (redelivered after a crash between
     * the database commit and the offset commit: same position, key and bytes) is not parked twice.
     *
     * @return how many were parked now
     */
    @Override
    public int park(List<Verdict.Parked> parked) {
        return table.insert(parked);
    }

    /** @see ParkedEventTable#list */
    List<ParkedEntry> list(ParkKind kind, String negotiationId, ParkedStatus status, int limit) {
        return table.list(kind, negotiationId, status, limit);
    }

    ParkedEntry find(long id) {
        return table.find(id).orElseThrow(() -> unknown(id));
    }

    Map<ParkKind, Long> countByKind() {
        return table.countByKind();
    }

    long countParked(ParkKind kind) {
        return table.countParked(kind);
    }

    Optional<Instant> oldestParkedAt() {
        return table.oldestParkedAt();
    }

    /** Retries one parked record; the outcome says whether it applied. */
    Retried retry(long id, String by) {
        return retryAll(() -> {
            ParkedEventTable.Stored stored = table.lock(id).orElseThrow(() -> unknown(id));
            requireParked(stored.entry(), "retried");
            return List.of(stored);
        }, by).get(0);
    }

    /**
     * Retries every record of one negotiation that is still parked, in version order, so that once a gap is filled
     * all the versions behind it apply.
     */
    List<Retried> retryNegotiation(String negotiationId, String by) {
        return retryAll(() -> table.lockParkedOf(negotiationId), by);
    }

    /** Skips a parked record: it is never applied, and stays in the table with who skipped it and why. */
    ParkedEntry skip(long id, String reason, String by) {
        transaction.executeWithoutResult(status -> {
            ParkedEventTable.Stored stored = table.lock(id).orElseThrow(() -> unknown(id));
            requireParked(stored.entry(), "skipped");
            table.resolve(id, ParkedStatus.SKIPPED, by, reason);
        });
        log.warn("Parked record {} skipped by {}: {}", id, by, reason);
        return find(id);
    }

    private interface Locking {
        List<ParkedEventTable.Stored> lock();
    }

    private List<Retried> retryAll(Locking locking, String by) {
        record Done(List<Retried> retried, Projection projection) {
        }
        Done done = transaction.execute(status -> {
            List<ParkedEventTable.Stored> stored = locking.lock();
            Projection projection = intake.write(stored.stream().map(ParkedEventTable.Stored::record).toList());
            List<Retried> retried = new ArrayList<>(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                ParkedEntry entry = stored.get(i).entry();
                Verdict verdict = projection.verdicts().get(i);
                if (verdict instanceof Verdict.Parked still) {
                    table.stillParked(entry.id(), still.kind(), still.reason());
                    retried.add(new Retried(entry.id(), entry.version(), Outcome.STILL_PARKED, still.kind(),
                            still.reason()));
                } else {
                    Outcome outcome = verdict instanceof Verdict.Applied ? Outcome.APPLIED : Outcome.DUPLICATE;
                    table.resolve(entry.id(), ParkedStatus.RETRIED, by, outcome.name());
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
