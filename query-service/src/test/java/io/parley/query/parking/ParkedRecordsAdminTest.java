package io.parley.query.parking;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.model.json.PublishedEvent;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.Http;
import io.parley.query.support.Projected;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Replay;
import io.parley.query.support.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.parley.query.support.Projected.awaitVersion;
import static io.parley.query.support.Projected.timelineRows;
import static io.parley.query.support.Projected.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The facilitator, as operator, deals with what the intake parked: once a missing version has arrived, retrying the
 * negotiation's parked records brings the deal to its last version; a record that will never be an event is skipped
 * with a reason and stops counting as parked; a record that still cannot apply stays parked and says why.
 */
@ExtendWith(QueryServiceExtension.class)
class ParkedRecordsAdminTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String[] FACILITATOR = {"X-Actor", Session.FACILITATOR};

    @Test
    void once_the_missing_version_arrives_retrying_the_negotiation_applies_everything_parked_behind_it_in_order(
            QueryService service) {
        Session session = Projected.agreedNatoPause("Gap filled late");
        session.propose("RU", "foreign_troops", "[\"NONE\"]", "no foreign forces at all");
        List<PublishedEvent> events = session.events();
        int last = events.size();
        Http http = service.http();

        service.publish(0, events.get(0));
        service.publish(0, events.get(1));
        // version 3 is held back: everything after it parks
        events.subList(3, last).forEach(e -> service.publish(0, e));
        await().atMost(PATIENCE).until(() -> parked(http, session.id()).size() == last - 3);
        List<JsonNode> parked = parked(http, session.id());
        assertThat(parked).extracting(p -> p.path("version").asLong())
                .containsExactlyElementsOf(versions(4, last));
        assertThat(parked).allSatisfy(p -> {
            assertThat(p.path("kind").asText()).isEqualTo("GAP");
            assertThat(p.path("status").asText()).isEqualTo("PARKED");
            assertThat(p.path("topic").asText()).isEqualTo(QueryService.TOPIC);
            assertThat(p.path("partition").asInt()).isZero();
            assertThat(p.path("key").asText()).isEqualTo(session.id());
            assertThat(p.path("negotiationId").asText()).isEqualTo(session.id());
            assertThat(Instant.parse(p.path("parkedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(parked.get(0).path("reason").asText())
                .isEqualTo("negotiation is at version 2; version 3 is missing");

        Reply tooEarly = http.send("POST", "/api/admin/parked/" + parked.get(0).path("id").asLong() + "/retry",
                FACILITATOR);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.contentType()).startsWith("application/problem+json");
        assertThat(tooEarly.json().path("code").asText()).isEqualTo("still-parked");
        assertThat(tooEarly.json().path("reason").asText()).contains("version 3 is missing");
        assertThat(version(service, session.id())).isEqualTo(2);

        service.publish(0, events.get(2));
        awaitVersion(service, session.id(), 3);
        assertThat(parked(http, session.id())).hasSize(last - 3);

        Reply retried = http.send("POST", "/api/admin/parked/retry?negotiation=" + session.id(), FACILITATOR);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("applied").asInt()).isEqualTo(last - 3);
        assertThat(retried.json().path("stillParked").asInt()).isZero();
        List<JsonNode> outcomes = new ArrayList<>();
        retried.json().path("records").forEach(outcomes::add);
        assertThat(outcomes).extracting(o -> o.path("version").asLong()).containsExactlyElementsOf(versions(4, last));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.path("outcome").asText()).isEqualTo("APPLIED"));
        assertThat(version(service, session.id())).isEqualTo(last);
        assertThat(timelineRows(service, session.id())).isEqualTo(last);
        assertThat(Replay.fold(http, session.id())).isEqualTo(session.state());
        assertThat(http.get("/api/negotiations/" + session.id() + "/deal").json()
                .path("terms").path("foreign_troops").path("status").asText()).isEqualTo("PROPOSED");
        assertThat(parked(http, session.id())).isEmpty();
        JsonNode resolved = http.get("/api/admin/parked?status=all&negotiation=" + session.id(), FACILITATOR).json();
        assertThat(resolved).hasSize(last - 3).allSatisfy(p -> {
            assertThat(p.path("status").asText()).isEqualTo("RETRIED");
            assertThat(p.path("resolvedBy").asText()).isEqualTo(Session.FACILITATOR);
            assertThat(p.path("resolutionReason").asText()).isEqualTo("APPLIED");
            assertThat(p.has("resolvedAt")).isTrue();
        });

        Reply again = http.send("POST", "/api/admin/parked/" + parked.get(0).path("id").asLong() + "/retry",
                FACILITATOR);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("not-parked");
    }

    @Test
    void a_poison_record_is_skipped_with_a_reason_and_no_longer_counts_as_parked(QueryService service) {
        Http http = service.http();
        String key = "poison-" + UUID.randomUUID();
        service.publishRaw(1, key, "<event>NATO</event>".getBytes(StandardCharsets.UTF_8));
        JsonNode poison = awaitParked(service, key);
        assertThat(poison.path("kind").asText()).isEqualTo("MALFORMED");
        assertThat(poison.path("reason").asText()).startsWith("not JSON");
        assertThat(poison.has("negotiationId")).isFalse();
        JsonNode intake = http.get("/actuator/health").json().path("components").path("intake");
        assertThat(intake.path("status").asText()).isEqualTo("UP");
        assertThat(Instant.parse(intake.path("details").path("oldestParkedAt").asText()))
                .isBeforeOrEqualTo(Instant.parse(poison.path("parkedAt").asText()));
        double gaugeBefore = parkedNow(service, "MALFORMED");
        assertThat(gaugeBefore).isEqualTo(intake.path("details").path("parkedByKind").path("MALFORMED").asDouble());
        long id = poison.path("id").asLong();

        Reply noReason = http.post("/api/admin/parked/" + id + "/skip", "{\"reason\": \" \"}", FACILITATOR);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("errors").get(0).path("field").asText()).isEqualTo("reason");

        Reply skipped = http.post("/api/admin/parked/" + id + "/skip",
                "{\"reason\": \"a test producer's XML, never an event\"}", FACILITATOR);

        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.json().path("status").asText()).isEqualTo("SKIPPED");
        assertThat(skipped.json().path("resolutionReason").asText()).isEqualTo("a test producer's XML, never an event");
        assertThat(skipped.json().path("resolvedBy").asText()).isEqualTo(Session.FACILITATOR);
        assertThat(parkedNow(service, "MALFORMED")).isEqualTo(gaugeBefore - 1);
        assertThat(http.get("/actuator/health").json().path("components").path("intake").path("details")
                .path("parkedByKind").path("MALFORMED").asDouble()).isEqualTo(gaugeBefore - 1);
        assertThat(http.get("/api/admin/parked/" + id, FACILITATOR).json().path("status").asText())
                .isEqualTo("SKIPPED");
        assertThat(http.get("/actuator/prometheus").body())
                .contains("parley_intake_parked_current{", "kind=\"MALFORMED\"");

        Reply twice = http.post("/api/admin/parked/" + id + "/skip", "{\"reason\": \"again\"}", FACILITATOR);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("code").asText()).isEqualTo("not-parked");
    }

    @Test
    void retrying_a_record_that_is_not_an_event_is_refused_and_it_stays_parked(QueryService service) {
        Http http = service.http();
        String key = "still-poison-" + UUID.randomUUID();
        service.publishRaw(1, key, "{\"specversion\": \"1.0\"".getBytes(StandardCharsets.UTF_8));
        JsonNode poison = awaitParked(service, key);
        long id = poison.path("id").asLong();
        double gaugeBefore = parkedNow(service, "MALFORMED");

        Reply retried = http.send("POST", "/api/admin/parked/" + id + "/retry", FACILITATOR);

        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.contentType()).startsWith("application/problem+json");
        JsonNode problem = retried.json();
        assertThat(problem.path("type").asText()).isEqualTo("urn:parley:problem:rule-violation");
        assertThat(problem.path("code").asText()).isEqualTo("still-parked");
        assertThat(problem.path("outcome").asText()).isEqualTo("STILL_PARKED");
        assertThat(problem.path("kind").asText()).isEqualTo("MALFORMED");
        assertThat(problem.path("reason").asText()).isNotBlank().isEqualTo(poison.path("reason").asText());
        assertThat(problem.path("detail").asText()).contains("still cannot apply");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/admin/parked/" + id + "/retry");
        assertThat(http.get("/api/admin/parked/" + id, FACILITATOR).json().path("status").asText())
                .isEqualTo("PARKED");
        assertThat(parkedNow(service, "MALFORMED")).isEqualTo(gaugeBefore);
    }

    @Test
    void an_unknown_record_is_a_404_problem_and_only_the_facilitator_may_act(QueryService service) {
        Http http = service.http();
        long unknown = Long.MAX_VALUE;
        List<Reply> replies = List.of(
                http.get("/api/admin/parked/" + unknown, FACILITATOR),
                http.send("POST", "/api/admin/parked/" + unknown + "/retry", FACILITATOR),
                http.post("/api/admin/parked/" + unknown + "/skip", "{\"reason\": \"gone\"}", FACILITATOR));
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("type").asText()).isEqualTo("urn:parley:problem:not-found");
        });

        Reply party = http.get("/api/admin/parked", "X-Actor", "UA");
        assertThat(party.status()).isEqualTo(403);
        assertThat(party.json().path("type").asText()).isEqualTo("urn:parley:problem:forbidden");
        assertThat(http.get("/api/admin/parked?kind=LOST", FACILITATOR).json().path("errors").get(0)
                .path("field").asText()).isEqualTo("kind");
        assertThat(http.get("/api/admin/parked?status=maybe", FACILITATOR).status()).isEqualTo(400);
    }

    @Test
    void the_admin_endpoints_are_described_for_operators(QueryService service) {
        JsonNode paths = service.http().get("/v3/api-docs").json().path("paths");

        List<JsonNode> operations = List.of(paths.path("/api/admin/parked").path("get"),
                paths.path("/api/admin/parked/{id}").path("get"),
                paths.path("/api/admin/parked/{id}/retry").path("post"),
                paths.path("/api/admin/parked/retry").path("post"),
                paths.path("/api/admin/parked/{id}/skip").path("post"));
        assertThat(operations).allSatisfy(operation -> {
            assertThat(operation.path("summary").asText()).isNotBlank();
            assertThat(operation.path("description").asText()).contains("Facilitator only");
            operation.path("parameters").forEach(p -> assertThat(p.path("name").asText()).isNotEqualTo("caller"));
        });
        assertThat(paths.path("/api/admin/parked/{id}/retry").path("post").path("description").asText())
                .contains("still-parked", "RETRIED");
    }

    private static List<JsonNode> parked(Http http, String negotiationId) {
        Reply reply = http.get("/api/admin/parked?negotiation=" + negotiationId, FACILITATOR);
        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        reply.json().forEach(entries::add);
        return entries;
    }

    /** The parked record with this key, as the facilitator reads it, once the intake has parked it. */
    private static JsonNode awaitParked(QueryService service, String key) {
        long id = await().atMost(PATIENCE).until(() -> service.jdbc().queryForList(
                "SELECT id FROM parked_event WHERE record_key = ?", Long.class, key), ids -> !ids.isEmpty()).get(0);
        Reply reply = service.http().get("/api/admin/parked/" + id, FACILITATOR);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private static double parkedNow(QueryService service, String kind) {
        return service.app().getBean(MeterRegistry.class).get("parley.intake.parked.current").tag("kind", kind)
                .gauge().value();
    }

    private static List<Long> versions(long from, long to) {
        List<Long> versions = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            versions.add(v);
        }
        return versions;
    }
}
