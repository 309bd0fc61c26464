package io.parley.command.access;

import io.parley.command.support.Api;
import io.parley.command.support.TokenApiTest;
import org.junit.jupiter.api.Test;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A dashboard in a browser on the configured origin may call the API; pages on other origins may not. */
class CrossOriginTest extends TokenApiTest {

    private Api.Response preflight(String origin, String method) {
        return api.call("OPTIONS", "/api/negotiations").header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,if-match")
                .send();
    }

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredWithoutAToken() {
        Api.Response answer = preflight(BOARD, "POST");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).contains(BOARD);
        assertThat(answer.header("Access-Control-Allow-Methods")).get().asString().contains("POST", "DELETE");
        assertThat(answer.header("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization", "content-type", "idempotency-key", "if-match");
    }

    @Test
    void theAllowedOriginReadsTheHeadersItNeeds() {
        Api.Response opened = api.post("/api/negotiations").header("Origin", BOARD).bearer(FACILITATOR)
                .json("{\"scenario\": \"ukraine-2025\"}").send();

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.header("Access-Control-Allow-Origin")).contains(BOARD);
        assertThat(opened.header("Access-Control-Expose-Headers")).get().asString()
                .contains("ETag", "Location", "Retry-After", "X-Correlation-Id");
    }

    @Test
    void anyOtherOriginGetsNoCorsHeaders() {
        Api.Response answer = preflight("https://elsewhere.example", "POST");

        assertProblem(answer, 403, "forbidden");
        assertThat(answer.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aMethodTheApiDoesNotTakeIsRefusedEvenFromTheAllowedOrigin() {
        Api.Response answer = preflight(BOARD, "PUT");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEmpty();
    }
}
