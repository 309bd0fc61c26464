package io.parley.model.json;

import io.parley.model.negotiation.NegotiationEvent;

import java.time.Instant;

/**
 * A stored event with what the outside world needs to know about it: the public form of
 * {@code negotiation.events} records and of timeline entries.
 *
 * @param eventId       unique id of the stored event
 * @param version       the deal-state version this event produced (1 for the opening)
 * @param actor         who acted: a party id or {@code facilitator}; {@code null} when not recorded
 * @param correlationId the id shared by all events of one request, or {@code null}
 */
public record PublishedEvent(String eventId, String negotiationId, long version, Instant at, String actor,
                             String correlationId, NegotiationEvent event) {

    public String type() {
        return EventJson.typeName(event.getClass());
    }
}
