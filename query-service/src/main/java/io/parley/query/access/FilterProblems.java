package io.parley.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.query.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes a problem from a servlet filter, where the controllers' problem handling does not reach. */
final class FilterProblems {

    private final ObjectMapper json;

    FilterProblems(ObjectMapper json) {
        this.json = json;
    }

    /** Writes the problem; headers already set on {@code response} (such as WWW-Authenticate) stay. */
    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
               String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail problem = Problems.of(status, code, detail, request.getRequestURI());
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
