package io.parley.query.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator checks the service: is it healthy, what has the intake done, what does the API offer. */
@ExtendWith(QueryServiceExtension.class)
class OperationsTest {

    @Test
    void health_covers_the_database_kafka_and_what_the_intake_parked(QueryService service) {
        Reply reply = service.http().get("/actuator/health");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode health = reply.json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode components = health.path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("kafka").path("details").path("brokers").asInt()).isEqualTo(1);
        JsonNode intake = components.path("intake");
        assertThat(intake.path("status").asText()).isEqualTo("UP");
        assertThat(intake.path("details").path("parked").isIntegralNumber()).isTrue();
        assertThat(intake.path("details").path("parkedByKind").has("MALFORMED")).isTrue();
        assertThat(intake.path("details").path("parkedByKind").has("GAP")).isTrue();
        assertThat(intake.path("details").path("parkedByKind").has("FOLD_FAILED")).isTrue();
    }

    @Test
    void prometheus_shows_the_intake_counters(QueryService service) {
        Reply reply = service.http().get("/actuator/prometheus");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("parley_intake_applied_total", "parley_intake_duplicates_total",
                "parley_intake_gaps_total", "parley_intake_parked_total");
    }

    @Test
    void the_api_is_described_with_a_summary_per_endpoint(QueryService service) {
        JsonNode paths = service.http().get("/v3/api-docs").json().path("paths");

        assertThat(paths.path("/api/negotiations").path("get").path("summary").asText()).isNotBlank();
        assertThat(paths.path("/api/negotiations/{id}/deal").path("get").path("summary").asText()).isNotBlank();
        assertThat(paths.path("/api/negotiations/{id}/timeline").path("get").path("summary").asText()).isNotBlank();
        assertThat(paths.path("/api/negotiations/{id}/analysis").path("get").path("summary").asText()).isNotBlank();
        assertThat(service.http().get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    void the_api_description_says_who_sees_which_red_lines(QueryService service) {
        JsonNode paths = service.http().get("/v3/api-docs").json().path("paths");

        for (String read : List.of("deal", "timeline", "analysis")) {
            JsonNode operation = paths.path("/api/negotiations/{id}/" + read).path("get");
            List<JsonNode> actor = new ArrayList<>();
            operation.path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("header") && p.path("name").asText().equals("X-Actor")) {
                    actor.add(p);
                }
            });
            assertThat(actor).as("X-Actor on %s", read).hasSize(1);
            assertThat(actor.get(0).path("required").asBoolean()).isFalse();
        }
        assertThat(paths.path("/api/negotiations/{id}/deal").path("get").path("description").asText())
                .contains("a party sees its own red lines", "the facilitator sees every party's", "observer",
                        "violatedRedLines", "Vary: X-Actor");
        assertThat(paths.path("/api/negotiations/{id}/timeline").path("get").path("description").asText())
                .contains("only to its party and the facilitator");
        assertThat(paths.path("/api/negotiations/{id}/analysis").path("get").path("description").asText())
                .contains("facilitator only", "403");
    }
}
