package io.parley.query.access;

import io.parley.support.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Cross-origin requests from browsers. Closed unless origins are configured ({@code PARLEY_CORS_ALLOWED_ORIGINS}):
 * then those origins may read with a bearer token, and a request from any other origin is refused with a problem.
 * With no origins configured nothing is added, so no browser origin is ever allowed. Preflights end here, before
 * authentication, because browsers send them without credentials.
 */
final class CorsGate extends OncePerRequestFilter {

    static final List<String> METHODS = List.of(HttpMethod.GET.name(), HttpMethod.POST.name(),
            HttpMethod.DELETE.name(), HttpMethod.OPTIONS.name());
    static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
            "Idempotency-Key", "X-Correlation-Id");
    static final List<String> EXPOSED_HEADERS = List.of("ETag", "Location", "Retry-After", "Link", "X-Correlation-Id");

    private final CorsConfiguration configuration;
    private final ProblemResponses problems;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // The problem body is written by the filter, which knows the request path.
            response.setStatusCode(HttpStatus.FORBIDDEN);
        }
    };

    /** @param allowedOrigins the origins allowed; none keeps CORS closed */
    CorsGate(List<String> allowedOrigins, ProblemResponses problems) {
        this.problems = problems;
        List<String> origins = allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        if (origins.isEmpty()) {
            this.configuration = null;
        } else {
            CorsConfiguration open = new CorsConfiguration();
            open.setAllowedOrigins(origins);
            open.setAllowedMethods(METHODS);
            open.setAllowedHeaders(REQUEST_HEADERS);
            open.setExposedHeaders(EXPOSED_HEADERS);
            // Bearer tokens, not cookies: browsers need not send credentials.
            open.setAllowCredentials(false);
            this.configuration = open;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (configuration != null && !processor.processRequest(configuration, request, response)) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "cross-origin request refused:"
                    + " origin, method or headers not allowed (PARLEY_CORS_ALLOWED_ORIGINS)");
            return;
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            return;
        }
        chain.doFilter(request, response);
    }
}
