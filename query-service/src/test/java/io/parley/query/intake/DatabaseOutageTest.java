package io.parley.query.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import io.parley.query.support.SwitchableDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.parley.query.intake.AtLeastOnceDeliveryTest.awaitVersion;
import static io.parley.query.intake.AtLeastOnceDeliveryTest.parkedRows;
import static io.parley.query.intake.AtLeastOnceDeliveryTest.timelineRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection database goes away for a while during a session: the service says so, keeps the events waiting in
 * Kafka, and applies every one of them once the database is back. Nothing is skipped or parked.
 */
@ExtendWith(QueryServiceExtension.class)
class DatabaseOutageTest {

    @AfterEach
    void theDatabaseIsBack() {
        SwitchableDatabase.comeBack();
    }

    @Test
    void events_that_arrive_while_the_database_is_down_are_applied_when_it_returns(QueryService service) {
        Session session = AtLeastOnceDeliveryTest.agreedNatoPause("Through an outage");
        int refusedBefore = SwitchableDatabase.refusedToIntake();

        SwitchableDatabase.goDown();
        service.publish(session.events());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> SwitchableDatabase.refusedToIntake() >= refusedBefore + 2);
        Reply deal = service.http().get("/api/negotiations/" + session.id() + "/deal");
        assertThat(deal.status()).isEqualTo(503);
        assertThat(deal.contentType()).startsWith("application/problem+json");
        assertThat(deal.json().path("type").asText()).isEqualTo("urn:parley:problem:unavailable");
        Reply health = service.http().get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        JsonNode components = health.json().path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("kafka").path("status").asText()).isEqualTo("UP");

        SwitchableDatabase.comeBack();

        awaitVersion(service, session.id(), session.version());
        assertThat(timelineRows(service, session.id())).isEqualTo(session.events().size());
        assertThat(parkedRows(service, session.id())).isZero();
        assertThat(service.http().get("/api/negotiations/" + session.id() + "/deal").json()
                .path("terms").path("nato_membership").path("status").asText()).isEqualTo("AGREED");
    }
}
