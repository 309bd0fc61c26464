package io.parley.query.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.Projected;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import io.parley.query.support.SwitchableDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.parley.query.support.Projected.awaitVersion;
import static io.parley.query.support.Projected.parkedRows;
import static io.parley.query.support.Projected.timelineRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection database goes away for a while during a session: the service says so (reads and writes are 503
 * problems with Retry-After, health and readiness DOWN), keeps the events waiting in Kafka, and applies every one of
 * them once the database is back. Nothing is skipped or parked.
 */
@ExtendWith(QueryServiceExtension.class)
class DatabaseOutageTest {

    @AfterEach
    void theDatabaseIsBack() {
        SwitchableDatabase.comeBack();
    }

    @Test
    void events_that_arrive_while_the_database_is_down_are_applied_when_it_returns(QueryService service) {
        Session session = Projected.agreedNatoPause("Through an outage");
        int refusedBefore = SwitchableDatabase.refusedToIntake();

        SwitchableDatabase.goDown();
        service.publish(session.events());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> SwitchableDatabase.refusedToIntake() >= refusedBefore + 2);
        Reply deal = service.http().get("/api/negotiations/" + session.id() + "/deal");
        assertThat(deal.status()).isEqualTo(503);
        assertThat(deal.contentType()).startsWith("application/problem+json");
        assertThat(deal.json().path("type").asText()).isEqualTo("urn:parley:problem:unavailable");
        assertThat(deal.json().path("cause").asText()).isEqualTo("database-unreachable");
        assertThat(deal.json().path("detail").asText()).contains("cannot be reached");
        assertThat(deal.header("Retry-After")).contains("5");
        // A write of the operators' (in a transaction that cannot begin) is a 503 as well, and changes nothing.
        Reply retry = service.http().send("POST", "/api/admin/parked/retry?negotiation=" + session.id(),
                "X-Actor", Session.FACILITATOR);
        assertThat(retry.status()).as(retry.body()).isEqualTo(503);
        assertThat(retry.json().path("type").asText()).isEqualTo("urn:parley:problem:unavailable");
        assertThat(retry.json().path("detail").asText()).contains("nothing was changed");
        assertThat(retry.header("Retry-After")).contains("5");
        Reply health = service.http().get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        JsonNode components = health.json().path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(service.http().get("/actuator/health/readiness").status()).isEqualTo(503);

        SwitchableDatabase.comeBack();

        awaitVersion(service, session.id(), session.version());
        assertThat(service.http().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(timelineRows(service, session.id())).isEqualTo(session.events().size());
        assertThat(parkedRows(service, session.id())).isZero();
        assertThat(service.http().get("/api/negotiations/" + session.id() + "/deal").json()
                .path("terms").path("nato_membership").path("status").asText()).isEqualTo("AGREED");
    }
}
