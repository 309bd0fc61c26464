package io.parley.command.publishing;

import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import io.parley.command.support.EventsTopic;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.negotiation.NegotiationEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

    @Autowired
    private PublisherBacklog backlog;

    @Test
    void theMovesOfANegotiationArriveInOrderAsPublicEvents() {
        String id = openTwoPartyTable();
        String proposal = propose(id, "UA", "nato_membership", "\"PAUSED\"");
        move(id, "RU", "{\"party\": \"RU\", \"kind\": \"ACCEPT\", \"moveId\": \"%s\"}".formatted(proposal));
        api.post("/api/negotiations/" + id + "/signatures").as("UA").header("X-Correlation-Id", "signing-1")
                .json("{\"party\": \"UA\"}").send();
        List<? extends DomainEventMessage<?>> stored = eventStore.readEvents(id).asStream().toList();
        assertThat(stored).hasSize(5);

        List<ConsumerRecord<String, byte[]>> records = EventsTopic.recordsOf(broker, id, stored.size());

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

    @Test
    void anOperatorSeesNothingLeftToPublishOnceKafkaHasEverything() {
        String id = openTwoPartyTable();
        propose(id, "UA", "nato_membership", "\"PAUSED\"");
        EventsTopic.recordsOf(broker, id, 2);

        // The position commits just after Kafka's acknowledgement, so the gauge reaches 0 a moment later.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(backlog.events()).hasValue(0));
        Api.Response metric = api.get("/actuator/metrics/parley.publisher.backlog").send();
        assertThat(metric.status()).isEqualTo(200);
        assertThat(metric.json().path("measurements").get(0).path("value").asDouble()).isZero();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
