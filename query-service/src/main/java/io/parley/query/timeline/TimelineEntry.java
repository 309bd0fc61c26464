package io.parley.query.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;

import java.time.Instant;

/**
 * One applied event as the timeline keeps it.
 *
 * @param data         the event's fields as JSON text: the {@code data} object of the public event format
 * @param actorSubject the authenticated subject behind the event, or {@code null} when not recorded
 * @param actorRole    its role ({@code facilitator}, {@code party:<id>}, {@code observer}), or {@code null}
 */
public record TimelineEntry(String negotiationId, long version, String eventId, String type, Instant at,
                            String actor, String correlationId, String data, String actorSubject,
                            String actorRole) {

    public static TimelineEntry of(PublishedEvent event) {
        try {
            return new TimelineEntry(event.negotiationId(), event.version(), event.eventId(), event.type(), event.at(),
                    event.actor(), event.correlationId(), EventJson.mapper().writeValueAsString(event.event()),
                    event.actorSubject(), event.actorRole());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId(), e);
        }
    }
}
