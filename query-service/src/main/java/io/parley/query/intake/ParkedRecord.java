package io.parley.query.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record set aside, with what is known of it.
 *
 * @param negotiationId the negotiation it belongs to, or {@code null} when the value could not be read
 * @param version       the version it claims, or {@code null} when the value could not be read
 */
record ParkedRecord(ConsumerRecord<String, byte[]> record, String negotiationId, Long version, ParkKind kind,
                    String reason) {
}
