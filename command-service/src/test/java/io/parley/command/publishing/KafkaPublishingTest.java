package io.parley.command.publishing;

import io.parley.command.support.ApiTest;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.negotiation.NegotiationEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dashboard subscribes to {@code negotiation.events} with a plain Kafka consumer: it sees every event of a
 * negotiation, in order, keyed by the negotiation, in the public JSON format.
 */
class KafkaPublishingTest extends ApiTest {

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private EventStore eventStore;

    @Test
    void theMovesOfANegotiationArriveInOrderAsPublicEvents() {
        String id = openTwoPartyTable();
        String proposal = propose(id, "UA", "nato_membership", "\"PAUSED\"");
        move(id, "RU", "{\"party\": \"RU\", \"kind\": \"ACCEPT\", \"moveId\": \"%s\"}".formatted(proposal));
        api.post("/api/negotiations/" + id + "/signatures").as("UA").header("X-Correlation-Id", "signing-1")
                .json("{\"party\": \"UA\"}").send();
        List<? extends DomainEventMessage<?>> stored = eventStore.readEvents(id).asStream().toList();
        assertThat(stored).hasSize(5);

        List<ConsumerRecord<String, byte[]>> records = readRecordsOf(id, stored.size());

        assertThat(records).extracting(ConsumerRecord::key).containsOnly(id);
        assertThat(records).extracting(r -> header(r, EventJson.HEADER_VERSION))
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(records).extracting(r -> header(r, EventJson.HEADER_TYPE))
                .containsExactly("NegotiationOpened", "MoveProposed", "MoveAccepted", "TermAgreed", "DealSigned");
        assertThat(records).extracting(r -> header(r, EventJson.HEADER_CONTENT_TYPE)).containsOnly(EventJson.CONTENT_TYPE);

        List<PublishedEvent> published = records.stream().map(r -> EventJson.read(r.value())).toList();
        assertThat(published).extracting(PublishedEvent::version).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 5).boxed().toList());
        assertThat(published).extracting(PublishedEvent::event)
                .containsExactlyElementsOf(stored.stream().map(m -> (NegotiationEvent) m.getPayload()).toList());
        assertThat(published).extracting(PublishedEvent::eventId)
                .containsExactlyElementsOf(stored.stream().map(DomainEventMessage::getIdentifier).toList());
        assertThat(published).extracting(PublishedEvent::at)
                .containsExactlyElementsOf(stored.stream().map(DomainEventMessage::getTimestamp).toList());
        assertThat(published).extracting(PublishedEvent::actor)
                .containsExactly("facilitator", "UA", "RU", "RU", "UA");
        assertThat(published.get(4).correlationId()).isEqualTo("signing-1");
        assertThat(published.get(2).correlationId()).isEqualTo(published.get(3).correlationId());
    }

    /** Reads the topic from the beginning until {@code count} records of the negotiation arrived. */
    private List<ConsumerRecord<String, byte[]>> readRecordsOf(String negotiationId, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(KafkaPublisher.TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            assertThat(partitions).hasSize(6);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (negotiationId.equals(r.key())) {
                        records.add(r);
                    }
                });
                return records.size() >= count;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
