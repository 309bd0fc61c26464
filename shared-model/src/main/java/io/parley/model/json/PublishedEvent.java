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
 * @param actorSubject  the authenticated subject behind the request (a person or team account), or {@code null}
 * @param actorRole     its role: {@code facilitator}, {@code party:<id>} or {@code observer}, or {@code null}
 */
public record PublishedEvent(String eventId, String negotiationId, long version, Instant at, String actor,
                             String correlationId, NegotiationEvent event, String actorSubject, String actorRole) {

    /** An event whose authenticated subject is not recorded (development mode, or before authentication). */
    public PublishedEvent(String eventId, String negotiationId, long version, Instant at, String actor,
                          String correlationId, NegotiationEvent event) {
        this(eventId, negotiationId, version, at, actor, correlationId, event, null, null);
    }

    public String type() {
        return EventJson.typeName(event.getClass());
    }
}
