package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The README's tour, end to end: HTTP → event store → Kafka → projection → HTTP. */
@ExtendWith(RunningStack.class)
class ProposeAndAgreeStoryTest {

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(RunningStack.get());
    }

    @Test
    void givenUkraine2025_whenUaProposesPausingTheNatoBidAndEveryoneAccepts_thenTheDealShowsItAgreed() {
        Table table = Table.openUkraine(api);

        String proposal = table.propose("UA", "nato_membership", "PAUSED");
        table.accept("RU", proposal);
        table.accept("US", proposal);
        long version = table.accept("EU", proposal);

        // Opening 1, proposal 2, acceptances 3-5, and the agreement that the last acceptance produced: 6.
        assertThat(version).isEqualTo(6);
        JsonNode deal = table.dealAt(6);
        assertThat(deal.get("status").asText()).isEqualTo("OPEN");
        JsonNode nato = deal.get("terms").get("nato_membership");
        assertThat(nato.get("status").asText()).isEqualTo("AGREED");
        assertThat(nato.get("value").asText()).isEqualTo("PAUSED");
        assertThat(nato.get("pending")).isEmpty();
        assertThat(deal.get("terms").get("eu_membership").get("status").asText()).isEqualTo("OPEN");
        assertThat(deal.get("redLines").isArray()).isTrue();

        JsonNode timeline = table.timeline();
        assertThat(timeline).extracting(e -> e.get("type").asText()).containsExactly(
                "NegotiationOpened", "MoveProposed", "MoveAccepted", "MoveAccepted", "MoveAccepted", "TermAgreed");
        assertThat(timeline).extracting(e -> e.get("version").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(timeline).extracting(e -> e.get("actor").asText()).containsExactly(
                "facilitator", "UA", "RU", "US", "EU", "EU");
        assertThat(timeline.get(1).get("data").get("value").asText()).isEqualTo("PAUSED");

        JsonNode list = api.getAs("/api/negotiations", "observer").json();
        assertThat(list).anySatisfy(s -> {
            assertThat(s.get("id").asText()).isEqualTo(table.id);
            assertThat(s.get("version").asLong()).isEqualTo(6);
        });
    }

    @Test
    void aDashboardReadingTheTopicSeesEveryEventInOrderInThePublicFormat() {
        Table table = Table.openUkraine(api);
        String proposal = table.propose("UA", "army_cap", "UNLIMITED");
        table.answer("RU", "REJECT", proposal);

        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dashboard-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of("negotiation.events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (table.id.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return mine.size() >= 3;
            });
        }

        assertThat(mine).extracting(r -> header(r, EventJson.HEADER_TYPE))
                .containsExactly("NegotiationOpened", "MoveProposed", "MoveRejected");
        assertThat(mine).extracting(r -> header(r, EventJson.HEADER_VERSION)).containsExactly("1", "2", "3");
        List<PublishedEvent> events = mine.stream().map(r -> EventJson.read(r.value())).toList();
        assertThat(events).extracting(PublishedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(PublishedEvent::actor).containsExactly("facilitator", "UA", "RU");
        // Who was behind each event, as the token said: the subject and the role.
        assertThat(events).extracting(PublishedEvent::actorSubject).containsExactly("facilitator", "team-ua", "team-ru");
        assertThat(events).extracting(PublishedEvent::actorRole).containsExactly("facilitator", "party:UA", "party:RU");
        assertThat(events).allSatisfy(e -> assertThat(e.negotiationId()).isEqualTo(table.id));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
