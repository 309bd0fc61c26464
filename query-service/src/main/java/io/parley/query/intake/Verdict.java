package io.parley.query.intake;

import io.parley.model.json.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the intake decided about one record of {@code negotiation.events}: applied to the deal, a duplicate of a
 * version the deal already has, or parked for an operator. Everything downstream (rows, parking, metrics, a retry's
 * answer) is built from these.
 */
public sealed interface Verdict {

    ConsumerRecord<String, byte[]> record();

    /** The next version of its negotiation, folded into the deal. */
    record Applied(ConsumerRecord<String, byte[]> record, PublishedEvent event) implements Verdict {
    }

    /** A version the deal already has: a redelivery, changing nothing. */
    record Duplicate(ConsumerRecord<String, byte[]> record, String negotiationId, long version) implements Verdict {
    }

    /**
     * Set aside instead of applied, for an operator to retry or skip.
     *
     * @param negotiationId the negotiation it belongs to; {@code null} when the value could not be read
     * @param version       the version it claims; {@code null} when the value could not be read
     * @param reason        why, for people
     */
    record Parked(ConsumerRecord<String, byte[]> record, String negotiationId, Long version, ParkKind kind,
                  String reason) implements Verdict {
    }
}
