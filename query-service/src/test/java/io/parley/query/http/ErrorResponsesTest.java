package io.parley.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A dashboard author gets mistakes explained the same way everywhere: RFC 9457 problems that name the cause. */
@ExtendWith(QueryServiceExtension.class)
class ErrorResponsesTest {

    @Test
    void asking_for_the_deal_of_an_unknown_negotiation_is_a_not_found_problem(QueryService service) {
        String id = "never-opened-" + UUID.randomUUID();

        Reply reply = service.http().get("/api/negotiations/" + id + "/deal");

        JsonNode problem = problem(reply, 404, "not-found");
        assertThat(problem.path("title").asText()).isEqualTo("Not found");
        assertThat(problem.path("detail").asText()).contains(id);
        assertThat(problem.path("instance").asText()).isEqualTo("/api/negotiations/" + id + "/deal");
    }

    @Test
    void asking_for_the_timeline_of_an_unknown_negotiation_is_a_not_found_problem(QueryService service) {
        String id = "never-opened-" + UUID.randomUUID();

        Reply reply = service.http().get("/api/negotiations/" + id + "/timeline?from=1&limit=10");

        assertThat(problem(reply, 404, "not-found").path("detail").asText()).contains(id);
    }

    @ParameterizedTest(name = "{0} is refused, naming {1}")
    @CsvSource({
            "/api/negotiations/any/timeline?from=abc, from",
            "/api/negotiations/any/timeline?from=0, from",
            "/api/negotiations/any/timeline?from=-3, from",
            "/api/negotiations/any/timeline?limit=0, limit",
            "/api/negotiations/any/timeline?limit=1001, limit",
            "/api/negotiations/any/timeline?limit=ten, limit",
            "/api/negotiations?limit=0, limit",
            "/api/negotiations?limit=5000, limit",
            "/api/negotiations?status=SIGNED, status"})
    void bad_query_parameters_are_invalid_input_naming_the_parameter(String path, String parameter,
                                                                    QueryService service) {
        Reply reply = service.http().get(path);

        JsonNode problem = problem(reply, 400, "invalid-input");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(parameter);
        assertThat(problem.path("errors").get(0).path("message").asText()).startsWith("must be");
        assertThat(problem.path("detail").asText()).startsWith(parameter + ":");
    }

    @Test
    void an_unknown_path_is_a_not_found_problem(QueryService service) {
        Reply reply = service.http().get("/api/treaties");

        JsonNode problem = problem(reply, 404, "not-found");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/treaties");
    }

    @Test
    void writing_to_the_read_side_is_a_method_not_allowed_problem(QueryService service) {
        Reply reply = service.http().send("POST", "/api/negotiations");

        problem(reply, 405, "method-not-allowed");
        assertThat(reply.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void problems_never_show_a_stack_trace(QueryService service) {
        Reply reply = service.http().get("/api/negotiations/x/timeline?from=%00");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.parley");
    }

    static JsonNode problem(Reply reply, int status, String code) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asText()).isEqualTo("urn:parley:problem:" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }
}
