package io.parley.query.intake;

import io.parley.model.deal.DealState;
import io.parley.model.json.PublishedEvent;
import io.parley.query.deal.DealProjections;
import io.parley.query.deal.DealRow;
import io.parley.query.timeline.TimelineEntries;
import io.parley.query.timeline.TimelineEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings records into the projections inside the caller's transaction, and tells the rest of the application once
 * that transaction has committed. Shared by the Kafka intake and an operator's retry, so that a retried record goes
 * exactly the way a delivered one does.
 * <p>
 * The projection rows of the records' negotiations are locked first ({@code SELECT ... FOR UPDATE}), so a consumer
 * that still holds a partition during a rebalance waits and then sees the other's work as duplicates; the timeline's
 * primary key (negotiation, version) backs this up.
 */
@Component
public class ProjectionWriter {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWriter.class);

    private final DealProjections deals;
    private final TimelineEntries timeline;
    private final DealStateCache cache;
    private final IntakeMetrics metrics;
    private final ApplicationEventPublisher events;

    ProjectionWriter(DealProjections deals, TimelineEntries timeline, DealStateCache cache, IntakeMetrics metrics,
                     ApplicationEventPublisher events) {
        this.deals = deals;
        this.timeline = timeline;
        this.cache = cache;
        this.metrics = metrics;
        this.events = events;
    }

    /**
     * Decides about the records and writes the deal rows and timeline entries of those applied; parks nothing (the
     * caller decides what parking means for it). Must run in a transaction.
     */
    public Projection write(List<ConsumerRecord<String, byte[]>> records) {
        return writeRead(records.stream().map(Incoming::read).toList());
    }

    /** {@link #write}, for records read before the transaction began. */
    Projection writeRead(List<Incoming> incoming) {
        Set<String> negotiations = new LinkedHashSet<>();
        for (Incoming in : incoming) {
            if (in.event() != null) {
                negotiations.add(in.event().negotiationId());
            }
        }
        Map<String, Long> versions = deals.lockVersions(negotiations);
        Projection projection = Projector.project(incoming, states(versions));
        projection.parked().forEach(ProjectionWriter::logParked);

        List<TimelineEntry> entries = new ArrayList<>();
        Map<String, Instant> openedAt = new HashMap<>();
        Map<String, Instant> updatedAt = new HashMap<>();
        for (Verdict verdict : projection.verdicts()) {
            if (verdict instanceof Verdict.Applied applied) {
                PublishedEvent event = applied.event();
                entries.add(TimelineEntry.of(event));
                if (event.version() == 1) {
                    openedAt.put(event.negotiationId(), event.at());
                }
                updatedAt.put(event.negotiationId(), event.at());
            }
        }
        List<DealRow> inserts = new ArrayList<>();
        List<DealRow> updates = new ArrayList<>();
        projection.deals().forEach((id, state) -> (versions.containsKey(id) ? updates : inserts)
                .add(new DealRow(state, openedAt.get(id), updatedAt.get(id))));
        deals.insert(inserts);
        deals.update(updates);
        timeline.insert(entries);
        return projection;
    }

    /**
     * Call once the transaction that wrote the projection has committed: keeps the deals it wrote for the next
     * batch, counts what was applied, and tells the application which deals moved ({@link DealsProjected}).
     */
    public void committed(Projection projection) {
        List<DealState> changed = projection.changed();
        cache.putAll(changed);
        metrics.applied(projection);
        if (!changed.isEmpty()) {
            try {
                events.publishEvent(new DealsProjected(changed));
            } catch (RuntimeException e) {
                // The batch is committed; a failing listener must not have it retried.
                log.warn("A listener of projected deals failed: {}", e.toString());
            }
        }
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

    private static void logParked(Verdict.Parked parked) {
        if (parked.kind() == ParkKind.MALFORMED) {
            log.warn("Parked record {}: not an event of the public format: {}", where(parked.record()),
                    parked.reason());
        } else {
            log.error("Parked record {} ({}, version {} of negotiation {}): {}", where(parked.record()), parked.kind(),
                    parked.version(), parked.negotiationId(), parked.reason());
        }
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
