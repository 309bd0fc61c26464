package io.parley.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator and an API user find besides the API itself. */
class OperationsTest extends ApiTest {

    @Test
    void healthIsUpWhenTheDatabaseAndKafkaAnswer() {
        Api.Response health = api.get("/actuator/health").send();

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("components").path("kafka").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsAreScrapedByPrometheus() {
        openTwoPartyTable();

        Api.Response metrics = api.get("/actuator/prometheus").send();

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDocumentDescribesEveryWriteWithASummaryAndItsHeaders() {
        JsonNode paths = api.get("/v3/api-docs").send().json().path("paths");

        for (String path : new String[]{"/api/negotiations", "/api/negotiations/{id}/moves",
                "/api/negotiations/{id}/red-lines", "/api/negotiations/{id}/signatures",
                "/api/negotiations/{id}/collapse"}) {
            JsonNode post = paths.path(path).path("post");
            assertThat(post.path("summary").asText()).as(path).isNotBlank();
            assertThat(post.path("parameters").findValuesAsText("name")).as(path)
                    .contains("X-Actor", "If-Match", "Idempotency-Key");
            assertThat(post.path("responses").path("409").path("content").has("application/problem+json")).as(path)
                    .isTrue();
        }
    }

    @Test
    void theOpenApiDocumentDescribesRetractingARedLine() {
        JsonNode delete = api.get("/v3/api-docs").send().json().path("paths")
                .path("/api/negotiations/{id}/red-lines/{redLineId}").path("delete");

        assertThat(delete.path("summary").asText()).isNotBlank();
        assertThat(delete.path("parameters").findValuesAsText("name"))
                .contains("id", "redLineId", "X-Actor", "If-Match", "Idempotency-Key");
        assertThat(delete.path("responses").fieldNames()).toIterable().contains("204", "403", "404", "412");
    }

    @Test
    void swaggerUiIsServed() {
        Api.Response redirect = api.get("/swagger-ui.html").send();
        assertThat(redirect.status()).isEqualTo(302);

        Api.Response page = api.get(redirect.header("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger");
    }
}
