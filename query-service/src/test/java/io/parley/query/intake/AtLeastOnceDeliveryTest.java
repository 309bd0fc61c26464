package io.parley.query.intake;

import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.parley.query.support.Projected.agreedNatoPause;
import static io.parley.query.support.Projected.awaitVersion;
import static io.parley.query.support.Projected.parkedRows;
import static io.parley.query.support.Projected.timelineRows;
import static io.parley.query.support.Projected.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka delivers at least once and the publisher may send an event twice; the projections must count every event
 * exactly once, and must notice when events are missing instead of building a deal on a hole.
 */
@ExtendWith(QueryServiceExtension.class)
class AtLeastOnceDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void events_delivered_twice_change_nothing_the_second_time(QueryService service) {
        Session session = agreedNatoPause("Delivered twice");
        service.publish(session.events());
        awaitVersion(service, session.id(), session.version());
        double duplicatesBefore = service.counter("parley.intake.duplicates");
        double appliedBefore = service.counter("parley.intake.applied");

        service.publish(session.events());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(service.counter("parley.intake.duplicates"))
                .isGreaterThanOrEqualTo(duplicatesBefore + session.events().size()));
        assertThat(service.counter("parley.intake.applied")).isEqualTo(appliedBefore);
        assertThat(version(service, session.id())).isEqualTo(session.version());
        assertThat(service.http().get("/api/negotiations/" + session.id() + "/timeline").json())
                .hasSize(session.events().size());
        assertThat(timelineRows(service, session.id())).isEqualTo(session.events().size());
        assertThat(parkedRows(service, session.id())).isZero();
    }

    @Test
    void a_missing_version_holds_that_negotiation_and_parks_what_follows_while_others_flow(QueryService service) {
        Session gapped = agreedNatoPause("Lost an event");
        List<PublishedEvent> events = gapped.events();
        double gapsBefore = service.counter("parley.intake.gaps");
        double parkedBefore = service.counter("parley.intake.parked");

        service.publish(0, events.get(0));
        service.publish(0, events.get(1));
        // version 3 never arrives
        service.publish(0, events.get(3));
        Session other = agreedNatoPause("Unaffected");
        other.events().forEach(e -> service.publish(0, e));

        awaitVersion(service, other.id(), other.version());
        await().atMost(PATIENCE).until(() -> parkedRows(service, gapped.id()) == 1);
        Map<String, Object> parked = service.jdbc().queryForMap(
                "SELECT kind, version, reason, record_key, topic, kafka_partition, payload FROM parked_event"
                        + " WHERE negotiation_id = ?", gapped.id());
        assertThat(parked.get("kind")).isEqualTo("GAP");
        assertThat(((Number) parked.get("version")).longValue()).isEqualTo(4);
        assertThat((String) parked.get("reason")).isEqualTo("negotiation is at version 2; version 3 is missing");
        assertThat(parked.get("record_key")).isEqualTo(gapped.id());
        assertThat(parked.get("topic")).isEqualTo(QueryService.TOPIC);
        assertThat(((Number) parked.get("kafka_partition")).intValue()).isZero();
        assertThat((byte[]) parked.get("payload")).isEqualTo(EventJson.write(events.get(3)));
        assertThat(version(service, gapped.id())).isEqualTo(2);
        assertThat(timelineRows(service, gapped.id())).isEqualTo(2);
        assertThat(service.counter("parley.intake.gaps")).isEqualTo(gapsBefore + 1);
        assertThat(service.counter("parley.intake.parked")).isEqualTo(parkedBefore + 1);
    }
}
