package io.parley.query.intake;

import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.negotiation.MoveAccepted;
import io.parley.query.support.Projected;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.query.support.Projected.awaitVersion;
import static io.parley.query.support.Projected.timelineRows;
import static io.parley.query.support.Projected.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Something other than a well-formed event lands on the topic (a foreign producer, a newer event type, a bug): it is
 * set aside with its bytes for someone to look at, and the negotiations behind it keep moving.
 */
@ExtendWith(QueryServiceExtension.class)
class PoisonRecordsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void records_that_are_not_events_are_parked_and_the_records_behind_them_are_applied(QueryService service) {
        Session session = Projected.agreedNatoPause("Behind the poison");
        List<PublishedEvent> events = session.events();
        byte[] notJson = "<event>NATO</event>".getBytes(StandardCharsets.UTF_8);
        byte[] unknownType = new String(EventJson.write(events.get(1)), StandardCharsets.UTF_8)
                .replace("negotiation.MoveProposed.v1", "negotiation.TreatyRatified.v1")
                .getBytes(StandardCharsets.UTF_8);
        double parkedBefore = service.counter("parley.intake.parked");

        service.publish(1, events.get(0));
        service.publishRaw(1, session.id(), notJson);
        service.publishRaw(1, session.id(), unknownType);
        events.subList(1, events.size()).forEach(e -> service.publish(1, e));

        awaitVersion(service, session.id(), session.version());
        assertThat(timelineRows(service, session.id())).isEqualTo(events.size());
        List<Map<String, Object>> parked = service.jdbc().queryForList(
                "SELECT kind, reason, negotiation_id, version, payload FROM parked_event WHERE record_key = ?"
                        + " ORDER BY kafka_offset", session.id());
        assertThat(parked).hasSize(2);
        assertThat(parked).allSatisfy(p -> {
            assertThat(p.get("kind")).isEqualTo("MALFORMED");
            assertThat(p.get("negotiation_id")).isNull();
            assertThat(p.get("version")).isNull();
        });
        assertThat((String) parked.get(0).get("reason")).startsWith("not JSON");
        assertThat((byte[]) parked.get(0).get("payload")).isEqualTo(notJson);
        assertThat((String) parked.get(1).get("reason")).contains("unknown event type 'TreatyRatified'");
        assertThat((byte[]) parked.get(1).get("payload")).isEqualTo(unknownType);
        assertThat(service.counter("parley.intake.parked")).isEqualTo(parkedBefore + 2);
    }

    @Test
    void an_event_the_fold_refuses_is_parked_and_the_true_next_event_still_applies(QueryService service) {
        Session session = Projected.agreedNatoPause("Refused by the fold");
        service.publish(session.events());
        awaitVersion(service, session.id(), session.version());
        long next = session.version() + 1;
        PublishedEvent acceptsNothing = new PublishedEvent("bogus-" + next, session.id(), next, Instant.now(), "RU",
                null, new MoveAccepted(session.id(), "move-x", "RU", "no-such-proposal", null));

        service.publish(List.of(acceptsNothing));
        await().atMost(PATIENCE).until(() -> !service.jdbc().queryForList(
                "SELECT reason FROM parked_event WHERE negotiation_id = ? AND kind = 'FOLD_FAILED'", String.class,
                session.id()).isEmpty());
        assertThat(version(service, session.id())).isEqualTo(session.version());

        session.propose("RU", "foreign_troops", "[\"NONE\"]", "no foreign forces at all");
        service.publish(session.events().subList((int) next - 1, session.events().size()));
        awaitVersion(service, session.id(), next);
        assertThat(service.http().get("/api/negotiations/" + session.id() + "/deal").json()
                .path("terms").path("foreign_troops").path("status").asText()).isEqualTo("PROPOSED");
        assertThat(service.jdbc().queryForObject("SELECT reason FROM parked_event WHERE negotiation_id = ?"
                + " AND kind = 'FOLD_FAILED'", String.class, session.id()))
                .contains("MoveAccepted").contains("no-such-proposal");
    }

    @Test
    void a_parked_record_delivered_again_is_parked_once_but_new_bytes_at_a_reused_offset_are_parked(
            QueryService service) {
        EventIntake intake = service.app().getBean(EventIntake.class);
        String topic = "recreated-" + UUID.randomUUID();
        String key = "poison-" + UUID.randomUUID();
        ConsumerRecord<String, byte[]> first = new ConsumerRecord<>(topic, 0, 7, key, bytes("not an event"));
        ConsumerRecord<String, byte[]> sameAgain = new ConsumerRecord<>(topic, 0, 7, key, bytes("not an event"));
        ConsumerRecord<String, byte[]> afterTopicWasRecreated =
                new ConsumerRecord<>(topic, 0, 7, key, bytes("another non-event"));

        intake.accept(List.of(first));
        intake.accept(List.of(sameAgain));
        intake.accept(List.of(afterTopicWasRecreated));

        assertThat(service.jdbc().queryForList("SELECT payload FROM parked_event WHERE topic = ? ORDER BY id",
                byte[].class, topic)).containsExactly(bytes("not an event"), bytes("another non-event"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
