package io.parley.local.faults;

import io.parley.local.e2e.SystemUnderTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.negotiation.NegotiationEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.SoftAssertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise of the event store, checked after each fault: every move that got a 2xx is in the event store exactly
 * once; on {@code negotiation.events} at least once and in order per negotiation; applied exactly once in the query
 * projection; and the deal the query side serves equals the fold of the event store.
 */
final class NothingIsLost {

    private static final String TOPIC = "negotiation.events";
    private static final ObjectMapper MODEL = EventJson.mapper();
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    /** One row of {@code domainevententry}. */
    record StoredEvent(long sequence, String eventId, NegotiationEvent event, JsonNode payload) {
    }

    /**
     * @param events        events in the store for the negotiations checked
     * @param records       their records read from the topic, duplicates included
     * @param duplicates    records of a version already on the topic (a batch sent again)
     * @param caughtUpAfter from the start of the check until the topic and the projection had every event
     */
    record Figures(int events, int records, int duplicates, Duration caughtUpAfter) {
    }

    private final SystemUnderTest stack;
    private final Http http;

    NothingIsLost(SystemUnderTest stack) {
        this.stack = stack;
        this.http = new Http(stack);
    }

    Figures check(Acknowledged acknowledged) {
        long started = System.nanoTime();
        Map<String, List<StoredEvent>> store = new HashMap<>();
        for (String negotiation : acknowledged.negotiations()) {
            store.put(negotiation, storedEvents(negotiation));
        }
        int events = store.values().stream().mapToInt(List::size).sum();
        everyAcknowledgedMoveIsStoredOnce(acknowledged, store);

        Map<String, List<PublishedEvent>> topic = readTopicUntilComplete(store);
        int records = topic.values().stream().mapToInt(List::size).sum();
        everyStoredEventIsOnTheTopicInOrder(store, topic);

        for (String negotiation : store.keySet()) {
            projectionAppliedEachEventOnce(negotiation, store.get(negotiation).size());
        }
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - started);
        SoftAssertions deals = new SoftAssertions();
        store.forEach((negotiation, stored) -> servedDealIsTheFold(deals, negotiation, stored));
        deals.assertAll();
        return new Figures(events, records, records - events, caughtUp);
    }

    // ------------------------------------------------------------------ the event store

    /** A negotiation's events as command-service stored them, in sequence order. */
    List<StoredEvent> storedEvents(String negotiation) {
        String sql = "SELECT sequenceNumber, eventIdentifier, payloadType, payload FROM domainevententry"
                + " WHERE aggregateIdentifier = ? ORDER BY sequenceNumber";
        List<StoredEvent> events = new ArrayList<>();
        try (Connection c = stack.commandDatabase().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, negotiation);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    byte[] payload = rows.getBytes("payload");
                    events.add(new StoredEvent(rows.getLong("sequenceNumber"), rows.getString("eventIdentifier"),
                            EventJson.readStored(rows.getString("payloadType"), payload), MODEL.readTree(payload)));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the event store for " + negotiation, e);
        }
        return events;
    }

    private static void everyAcknowledgedMoveIsStoredOnce(Acknowledged acknowledged,
                                                          Map<String, List<StoredEvent>> store) {
        SoftAssertions softly = new SoftAssertions();
        store.forEach((negotiation, stored) -> {
            softly.assertThat(stored).extracting(StoredEvent::sequence).as("sequence numbers of %s", negotiation)
                    .containsExactlyElementsOf(LongStream.range(0, stored.size()).boxed().toList());
            List<Acknowledged.Move> moves = acknowledged.movesIn(negotiation);
            softly.assertThat(moves).extracting(Acknowledged.Move::version)
                    .as("versions acknowledged in %s", negotiation).doesNotHaveDuplicates();
            for (Acknowledged.Move move : moves) {
                List<StoredEvent> carrying = stored.stream()
                        .filter(e -> move.moveId().equals(e.payload().path("moveId").asText(null)))
                        .toList();
                softly.assertThat(carrying).as("events of acknowledged move %s in %s", move, negotiation).hasSize(1);
                if (carrying.size() == 1) {
                    // The answer's version counts every event of the command; the move's own comes first.
                    softly.assertThat(carrying.get(0).sequence()).as("sequence of %s", move)
                            .isBetween(move.version() - 2, move.version() - 1);
                }
            }
        });
        softly.assertAll();
    }

    // ------------------------------------------------------------------ the topic

    private Map<String, List<PublishedEvent>> readTopicUntilComplete(Map<String, List<StoredEvent>> store) {
        Map<String, List<PublishedEvent>> byNegotiation = new HashMap<>();
        store.keySet().forEach(n -> byNegotiation.put(n, new ArrayList<>()));
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await("every stored event on " + TOPIC).atMost(CATCH_UP).pollInterval(Duration.ofMillis(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    List<PublishedEvent> events = byNegotiation.get(r.key());
                    if (events != null) {
                        events.add(EventJson.read(r.value()));
                    }
                }
                return store.entrySet().stream().allMatch(e -> byNegotiation.get(e.getKey()).stream()
                        .mapToLong(PublishedEvent::version).max().orElse(0) >= e.getValue().size());
            });
        }
        return byNegotiation;
    }

    /**
     * In order, at least once: reading a negotiation's records in topic order, each is a version already seen (a
     * batch sent again after a failure) or the next one, never one further on; every version is there, and it is
     * the stored event of that version.
     */
    private static void everyStoredEventIsOnTheTopicInOrder(Map<String, List<StoredEvent>> store,
                                                            Map<String, List<PublishedEvent>> topic) {
        SoftAssertions softly = new SoftAssertions();
        store.forEach((negotiation, stored) -> {
            long highest = 0;
            for (PublishedEvent record : topic.get(negotiation)) {
                softly.assertThat(record.version()).as("version after %s on the topic for %s", highest, negotiation)
                        .isBetween(1L, highest + 1);
                highest = Math.max(highest, record.version());
                if (record.version() >= 1 && record.version() <= stored.size()) {
                    StoredEvent original = stored.get((int) record.version() - 1);
                    softly.assertThat(record.eventId()).as("event id of version %s of %s", record.version(), negotiation)
                            .isEqualTo(original.eventId());
                    softly.assertThat(record.event()).as("event of version %s of %s", record.version(), negotiation)
                            .isEqualTo(original.event());
                }
            }
            softly.assertThat(highest).as("last version of %s on the topic", negotiation).isEqualTo(stored.size());
        });
        softly.assertAll();
    }

    // ------------------------------------------------------------------ the projection

    private void projectionAppliedEachEventOnce(String negotiation, int events) {
        assertThat(events).as("events of %s (one timeline page)", negotiation).isLessThanOrEqualTo(1000);
        List<Long> expected = LongStream.rangeClosed(1, events).boxed().toList();
        String path = "/api/negotiations/" + negotiation + "/timeline?limit=1000";
        await("the timeline of " + negotiation + " at version " + events).atMost(CATCH_UP)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> versions(http.get(path, "facilitator")).size() >= events);
        assertThat(versions(http.get(path, "facilitator"))).as("timeline of %s", negotiation)
                .containsExactlyElementsOf(expected);
    }

    private static List<Long> versions(Http.Reply timeline) {
        List<Long> versions = new ArrayList<>();
        timeline.json().forEach(entry -> versions.add(entry.path("version").asLong()));
        return versions;
    }

    private void servedDealIsTheFold(SoftAssertions softly, String negotiation, List<StoredEvent> stored) {
        DealState fold = DealState.of(stored.stream().map(StoredEvent::event).toList());
        Http.Reply reply = http.get("/api/negotiations/" + negotiation + "/deal", "facilitator");
        softly.assertThat(reply.status()).as("deal of %s: %s", negotiation, reply).isEqualTo(200);
        JsonNode deal = reply.json();
        softly.assertThat(deal.path("version").asLong()).as("version of %s", negotiation).isEqualTo(fold.version());
        softly.assertThat(deal.path("status").asText()).as("status of %s", negotiation)
                .isEqualTo(fold.status().name());
        softly.assertThat(Set.copyOf(iterate(deal.path("terms").fieldNames())))
                .as("terms of %s", negotiation).isEqualTo(fold.termStates().keySet());
        fold.termStates().forEach((term, state) -> {
            JsonNode served = deal.path("terms").path(term);
            softly.assertThat(served.path("status").asText()).as("%s of %s", term, negotiation)
                    .isEqualTo(state.status().name());
            softly.assertThat(served.path("value")).as("value of %s of %s", term, negotiation)
                    .isEqualTo(state.value() == null ? MissingNode.getInstance() : MODEL.valueToTree(state.value()));
            softly.assertThat(served.path("agreedMoveId").asText(null)).as("agreed proposal of %s of %s", term,
                    negotiation).isEqualTo(state.agreedProposal());
            softly.assertThat(pendingIds(served)).as("pending on %s of %s", term, negotiation)
                    .isEqualTo(state.pending());
        });
        softly.assertThat(iterate(deal.path("signatures").elements()).stream().map(JsonNode::asText).toList())
                .as("signatures of %s", negotiation).isEqualTo(fold.signatures());
    }

    private static List<String> pendingIds(JsonNode term) {
        return iterate(term.path("pending").elements()).stream().map(p -> p.path("moveId").asText()).toList();
    }

    private static <T> List<T> iterate(java.util.Iterator<T> items) {
        List<T> list = new ArrayList<>();
        items.forEachRemaining(list::add);
        return list;
    }
}
