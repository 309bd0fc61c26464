package io.parley.command.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on RFC 9457 problem answers. */
public final class Problem {

    private Problem() {
    }

    /**
     * The answer is a problem+json with this status and {@code urn:parley:problem:<code>}, naming at least
     * {@code fields} in {@code errors}.
     */
    public static JsonNode assertProblem(Api.Response response, int status, String code, String... fields) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", response).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).as("type of %s", response).isEqualTo("urn:parley:problem:" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).startsWith("/");
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        if (fields.length > 0) {
            assertThat(errorFields(problem)).as("errors of %s", response).contains(fields);
        }
        return problem;
    }

    public static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    /** The message the problem gives for {@code field}. */
    public static String errorMessage(JsonNode problem, String field) {
        for (JsonNode e : problem.path("errors")) {
            if (field.equals(e.path("field").asText())) {
                return e.path("message").asText();
            }
        }
        throw new AssertionError("no error for " + field + " in " + problem);
    }
}
