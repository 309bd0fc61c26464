package io.parley.query.intake;

import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.json.MalformedEvent;
import io.parley.model.json.PublishedEvent;
import io.parley.query.SqlText;
import io.parley.query.deal.DealProjections;
import io.parley.query.deal.DealRow;
import io.parley.query.timeline.TimelineEntries;
import io.parley.query.timeline.TimelineEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies records of {@code negotiation.events} to the projections, a batch in one database transaction.
 * <p>
 * Per negotiation the versions must follow each other: a version already applied is a redelivery and skipped; the
 * next version is folded with {@link DealState#apply} and written together with its timeline entry; a later version
 * means events are missing, so it is parked rather than applied. Records that cannot be read, and events the fold
 * refuses, are parked too: a bad record never stops the records behind it.
 * <p>
 * The projection rows of the batch's negotiations are locked first ({@code SELECT ... FOR UPDATE}), so a consumer
 * that still holds a partition during a rebalance waits and then sees the other's work as duplicates; the timeline's
 * primary key (negotiation, version) backs this up. Database errors escape, roll the batch back and are retried by
 * the listener container's error handler; nothing is skipped.
 */
@Service
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    /** The widest negotiation id the projection tables hold. */
    static final int MAX_NEGOTIATION_ID = 200;

    private final DealProjections deals;
    private final TimelineEntries timeline;
    private final ParkedEvents parked;
    private final DealStateCache cache;
    private final IntakeMetrics metrics;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    EventIntake(DealProjections deals, TimelineEntries timeline, ParkedEvents parked, DealStateCache cache,
                IntakeMetrics metrics, TransactionTemplate transaction, ApplicationEventPublisher events) {
        this.deals = deals;
        this.timeline = timeline;
        this.parked = parked;
        this.cache = cache;
        this.metrics = metrics;
        this.transaction = transaction;
        this.events = events;
    }

    /** Applies a batch of records in partition order; returns when the batch is committed. */
    public void accept(List<ConsumerRecord<String, byte[]>> records) {
        List<Incoming> incoming = records.stream().map(EventIntake::read).toList();
        BatchOutcome outcome;
        try {
            outcome = metrics.transaction(records.size(), () -> transaction.execute(status -> {
                Applied applied = apply(incoming);
                List<ParkedRecord> toPark = applied.results().stream()
                        .filter(r -> r.verdict() == Verdict.PARKED)
                        .map(r -> new ParkedRecord(r.record(), r.negotiationId(), r.version(), r.kind(), r.reason()))
                        .toList();
                int parkedNow = parked.park(toPark);
                return new BatchOutcome(applied.count(Verdict.APPLIED), applied.count(Verdict.DUPLICATE),
                        (int) applied.results().stream().filter(r -> r.kind() == ParkKind.GAP).count(), parkedNow,
                        applied.changed());
            }));
        } catch (RuntimeException e) {
            log.warn("Could not apply the batch from {} ({} records): {}. Nothing was written; it will be retried.",
                    records.isEmpty() ? "-" : where(records.get(0)), records.size(), e.toString());
            throw e;
        }
        committed(outcome);
    }

    /**
     * Runs records through the intake again, exactly as when they were delivered (read, skip what is applied, check
     * for gaps, fold, write), in the caller's transaction; parks nothing. Call {@link #committed} after the commit.
     */
    Applied reapply(List<ConsumerRecord<String, byte[]>> records) {
        return apply(records.stream().map(EventIntake::read).toList());
    }

    /**
     * Records what a committed transaction did: the deal states it wrote, and the counters; then tells the
     * application which deals moved ({@link DealsProjected}).
     */
    void committed(BatchOutcome outcome) {
        cache.putAll(outcome.changed());
        metrics.count(outcome);
        if (!outcome.changed().isEmpty()) {
            try {
                events.publishEvent(new DealsProjected(outcome.changed()));
            } catch (RuntimeException e) {
                // The batch is committed; a failing listener must not have it retried.
                log.warn("A listener of projected deals failed: {}", e.toString());
            }
        }
    }

    private Applied apply(List<Incoming> incoming) {
        List<Result> results = new ArrayList<>();
        Map<String, List<Incoming>> byNegotiation = new LinkedHashMap<>();
        for (Incoming in : incoming) {
            if (in.event() == null) {
                results.add(new Result(in.record(), null, null, Verdict.PARKED, ParkKind.MALFORMED, in.problem()));
                log.warn("Parked record {}: not an event of the public format: {}", where(in.record()), in.problem());
            } else {
                byNegotiation.computeIfAbsent(in.event().negotiationId(), id -> new ArrayList<>()).add(in);
            }
        }
        Map<String, Long> versions = deals.lockVersions(byNegotiation.keySet());
        Map<String, DealState> states = states(versions);

        List<DealRow> inserts = new ArrayList<>();
        List<DealRow> updates = new ArrayList<>();
        List<TimelineEntry> entries = new ArrayList<>();
        List<DealState> changed = new ArrayList<>();
        for (Map.Entry<String, List<Incoming>> negotiation : byNegotiation.entrySet()) {
            String id = negotiation.getKey();
            Long stored = versions.get(id);
            DealState state = stored == null ? DealState.EMPTY : states.get(id);
            Instant openedAt = null;
            Instant updatedAt = null;
            for (Incoming in : negotiation.getValue()) {
                PublishedEvent event = in.event();
                long last = state.version();
                if (event.version() <= last) {
                    results.add(new Result(in.record(), id, event.version(), Verdict.DUPLICATE, null, null));
                    continue;
                }
                if (event.version() > last + 1) {
                    String missing = event.version() == last + 2 ? "version " + (last + 1) + " is missing"
                            : "versions " + (last + 1) + ".." + (event.version() - 1) + " are missing";
                    log.error("Gap in negotiation {}: record {} has version {} but the projection is at version {};"
                                    + " {}. Record parked, the negotiation stays at version {}.",
                            id, where(in.record()), event.version(), last, missing, last);
                    results.add(new Result(in.record(), id, event.version(), Verdict.PARKED, ParkKind.GAP,
                            "negotiation is at version " + last + "; " + missing));
                    continue;
                }
                DealState next;
                try {
                    next = state.apply(event.event());
                } catch (RuntimeException refused) {
                    log.error("Parked record {}: the fold refused {} version {} of negotiation {}: {}",
                            where(in.record()), event.type(), event.version(), id, refused.toString());
                    results.add(new Result(in.record(), id, event.version(), Verdict.PARKED, ParkKind.FOLD_FAILED,
                            event.type() + " does not fit the deal at version " + last + ": " + refused));
                    continue;
                }
                entries.add(TimelineEntry.of(event));
                state = next;
                results.add(new Result(in.record(), id, event.version(), Verdict.APPLIED, null, null));
                if (event.version() == 1) {
                    openedAt = event.at();
                }
                updatedAt = event.at();
            }
            if (updatedAt != null) {
                // Closed proposals are history, which the timeline keeps; the row keeps what is on the table.
                state = state.withoutClosedProposals();
                (stored == null ? inserts : updates).add(new DealRow(state, openedAt, updatedAt));
                changed.add(state);
            }
        }
        deals.insert(inserts);
        deals.update(updates);
        timeline.insert(entries);
        return new Applied(results, changed);
    }

    /** The stored states of the negotiations that have a row, from the cache where it is current. */
    private Map<String, DealState> states(Map<String, Long> versions) {
        Map<String, DealState> states = new HashMap<>();
        versions.forEach((id, version) -> cache.get(id, version).ifPresent(s -> states.put(id, s)));
        Set<String> missing = new HashSet<>(versions.keySet());
        missing.removeAll(states.keySet());
        if (!missing.isEmpty()) {
            states.putAll(deals.states(missing));
        }
        return states;
    }

    private static Incoming read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return new Incoming(record, null, "the record has no value");
        }
        try {
            PublishedEvent event = EventJson.read(record.value());
            String id = event.negotiationId();
            if (id.isBlank() || id.length() > MAX_NEGOTIATION_ID || SqlText.hasNul(id)) {
                return new Incoming(record, null, "negotiationid must be 1 to " + MAX_NEGOTIATION_ID
                        + " printable characters long");
            }
            return new Incoming(record, event, null);
        } catch (MalformedEvent malformed) {
            return new Incoming(record, null, malformed.getMessage());
        } catch (RuntimeException unreadable) {
            return new Incoming(record, null, "unreadable: " + unreadable);
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** What the intake did with one record. */
    enum Verdict { APPLIED, DUPLICATE, PARKED }

    /**
     * One record's verdict.
     *
     * @param kind   why it is parked; {@code null} unless parked
     * @param reason the parking reason; {@code null} unless parked
     */
    record Result(ConsumerRecord<String, byte[]> record, String negotiationId, Long version, Verdict verdict,
                  ParkKind kind, String reason) {
    }

    /** The verdicts on a batch's records and the deal states it wrote. */
    record Applied(List<Result> results, List<DealState> changed) {
        int count(Verdict verdict) {
            return (int) results.stream().filter(r -> r.verdict() == verdict).count();
        }
    }

    /** A record and the event in it, or why there is none. */
    private record Incoming(ConsumerRecord<String, byte[]> record, PublishedEvent event, String problem) {
    }
}
