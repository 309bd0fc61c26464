package io.parley.command.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.command.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * A caller the security filters refuse: a 403 problem like the API's own refusals (which name the rule; the filters
 * only refuse what no caller may do).
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ObjectMapper json;

    ProblemAccessDeniedHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Problems.write(response, Problems.create(HttpStatus.FORBIDDEN, Problems.FORBIDDEN,
                "this caller may not do this", request), json);
    }
}
