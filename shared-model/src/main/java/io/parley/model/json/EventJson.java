package io.parley.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.parley.model.negotiation.NegotiationEvent;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The public JSON form of events on {@code negotiation.events}: a CloudEvents 1.0 event in structured mode
 * (JSON format, {@code application/cloudevents+json}), language-neutral and documented in docs/events.md.
 * <pre>
 * {"specversion":"1.0", "id":"&lt;event id&gt;", "source":"/negotiations/&lt;id&gt;",
 *  "type":"io.parley.negotiation.MoveProposed.v1", "subject":"&lt;id&gt;", "time":"2026-11-22T10:00:00Z",
 *  "datacontenttype":"application/json", "negotiationid":"&lt;id&gt;", "negotiationversion":2,
 *  "actor":"UA", "correlationid":"...", "actorsubject":"team-ua", "actorrole":"party:UA",
 *  "data":{ the event's fields }}
 * </pre>
 * The {@code .v1} suffix is the schema revision of {@code data}: a change that is not purely additive gets a new
 * revision and an upcaster here, never a silent change.
 */
public final class EventJson {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    public static final String TYPE_PREFIX = "io.parley.negotiation.";
    public static final String REVISION = ".v1";

    /** Kafka headers that let a consumer route or skip a record without parsing it. */
    public static final String HEADER_TYPE = "parley-event-type";
    public static final String HEADER_VERSION = "parley-negotiation-version";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Readers accept fields added by later, additive revisions.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Keep "3.0" as written: a number term's value must not turn into a whole number on the way.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final Map<String, Class<? extends NegotiationEvent>> TYPES = Arrays
            .stream(NegotiationEvent.class.getPermittedSubclasses())
            .map(EventJson::asEventClass)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventJson() {
    }

    /** A mapper configured for the public forms of the model (events, deal state, scenarios). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The short type name of an event class, e.g. {@code MoveProposed}. */
    public static String typeName(Class<?> eventClass) {
        return eventClass.getSimpleName();
    }

    /** Every event type name, for documentation and contract tests. */
    public static java.util.Set<String> typeNames() {
        return TYPES.keySet();
    }

    /**
     * An event as command-service's event store keeps it: its payload in this mapping, under the event record's class
     * name ({@code payloadType}).
     *
     * @throws MalformedEvent when the class is not an event's or the payload does not read as one
     */
    public static NegotiationEvent readStored(String payloadType, byte[] payload) {
        Class<? extends NegotiationEvent> type = TYPES.values().stream()
                .filter(c -> c.getName().equals(payloadType))
                .findFirst()
                .orElseThrow(() -> new MalformedEvent("'" + payloadType + "' is not an event type"));
        try {
            return MAPPER.readValue(payload, type);
        } catch (IOException e) {
            throw new MalformedEvent("the payload is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static Class<? extends NegotiationEvent> eventClass(String typeName) {
        Class<? extends NegotiationEvent> type = TYPES.get(typeName);
        if (type == null) {
            throw new MalformedEvent("unknown event type '" + typeName + "'");
        }
        return type;
    }

    public static byte[] write(PublishedEvent e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("specversion", "1.0");
        root.put("id", e.eventId());
        root.put("source", "/negotiations/" + e.negotiationId());
        root.put("type", TYPE_PREFIX + e.type() + REVISION);
        root.put("subject", e.negotiationId());
        root.put("time", e.at().toString());
        root.put("datacontenttype", "application/json");
        root.put("negotiationid", e.negotiationId());
        root.put("negotiationversion", e.version());
        if (e.actor() != null) {
            root.put("actor", e.actor());
        }
        if (e.correlationId() != null) {
            root.put("correlationid", e.correlationId());
        }
        if (e.actorSubject() != null) {
            root.put("actorsubject", e.actorSubject());
        }
        if (e.actorRole() != null) {
            root.put("actorrole", e.actorRole());
        }
        root.set("data", MAPPER.valueToTree(e.event()));
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write event " + e.eventId(), ex);
        }
    }

    /** Parses a record value; anything that is not a well-formed event is a {@link MalformedEvent}. */
    public static PublishedEvent read(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException ex) {
            throw new MalformedEvent("not JSON: " + ex.getMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEvent("not a JSON object");
        }
        if (!"1.0".equals(text(root, "specversion"))) {
            throw new MalformedEvent("specversion must be 1.0");
        }
        String type = text(root, "type");
        if (!type.startsWith(TYPE_PREFIX) || !type.endsWith(REVISION)) {
            throw new MalformedEvent("unsupported event type '" + type + "'");
        }
        Class<? extends NegotiationEvent> eventClass =
                eventClass(type.substring(TYPE_PREFIX.length(), type.length() - REVISION.length()));
        JsonNode version = root.get("negotiationversion");
        if (version == null || !version.canConvertToLong() || version.longValue() < 1) {
            throw new MalformedEvent("negotiationversion must be a positive integer");
        }
        Instant at;
        try {
            at = Instant.parse(text(root, "time"));
        } catch (DateTimeParseException ex) {
            throw new MalformedEvent("time is not an RFC 3339 instant", ex);
        }
        NegotiationEvent event;
        try {
            event = MAPPER.treeToValue(root.get("data"), eventClass);
        } catch (JsonProcessingException | IllegalArgumentException ex) {
            throw new MalformedEvent("data does not fit " + eventClass.getSimpleName() + ": " + ex.getMessage(), ex);
        }
        if (event == null || !text(root, "negotiationid").equals(event.negotiationId())) {
            throw new MalformedEvent("negotiationid does not match the event's negotiationId");
        }
        return new PublishedEvent(text(root, "id"), event.negotiationId(), version.longValue(), at,
                optionalText(root, "actor"), optionalText(root, "correlationid"), event,
                optionalText(root, "actorsubject"), optionalText(root, "actorrole"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new MalformedEvent("'" + field + "' must be a string");
        }
        return node.textValue();
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends NegotiationEvent> asEventClass(Class<?> type) {
        return (Class<? extends NegotiationEvent>) type;
    }
}
