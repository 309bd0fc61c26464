package io.parley.query.parking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.query.intake.ParkKind;

import java.time.Instant;

/**
 * A parked record as an operator sees it (its bytes stay in the database).
 *
 * @param key              the Kafka record key (the negotiation id, for records of the public format)
 * @param negotiationId    the negotiation it belongs to; {@code null} when the value could not be read
 * @param version          the version it claims; {@code null} when the value could not be read
 * @param resolvedBy       who retried or skipped it; absent while it is parked
 * @param resolutionReason a retry's outcome ({@code APPLIED}, {@code DUPLICATE}) or the reason given for a skip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParkedEntry(long id, ParkKind kind, String reason, String topic, int partition, long offset, String key,
                          String negotiationId, Long version, Instant parkedAt, ParkedStatus status,
                          Instant resolvedAt, String resolvedBy, String resolutionReason) {
}
