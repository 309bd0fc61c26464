package io.parley.query.intake;

import io.parley.model.json.EventJson;
import io.parley.model.json.MalformedEvent;
import io.parley.model.json.PublishedEvent;
import io.parley.query.SqlText;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record and the event decoded from it, or why there is none.
 *
 * @param event   {@code null} when the record is not an event of the public format
 * @param problem why there is no event; {@code null} when there is one
 */
record Incoming(ConsumerRecord<String, byte[]> record, PublishedEvent event, String problem) {

    /** The widest negotiation id the projection tables hold. */
    static final int MAX_NEGOTIATION_ID = 200;

    static Incoming read(ConsumerRecord<String, byte[]> record) {
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
}
