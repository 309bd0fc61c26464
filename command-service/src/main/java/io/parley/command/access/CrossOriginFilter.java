package io.parley.command.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * CORS for browser clients, closed unless origins are configured: then those origins get the headers, a preflight
 * is answered here (before authentication, as browsers send no token with it), and a cross-origin request from
 * any other origin is a 403 problem. With no origins configured no request gets CORS headers, so browsers on
 * other origins cannot read answers.
 */
final class CrossOriginFilter extends OncePerRequestFilter {

    static final List<String> METHODS = List.of("GET", "POST", "DELETE", "OPTIONS");
    static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
            "Idempotency-Key", "X-Correlation-Id");
    static final List<String> EXPOSED_HEADERS = List.of("ETag", "Location", "Retry-After", "Link", "X-Correlation-Id");

    private final CorsConfigurationSource configurations;
    private final ObjectMapper json;
    /** Refusals are written here as problems, not as the processor's plain text. */
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
        }
    };

    CrossOriginFilter(List<String> allowedOrigins, ObjectMapper json) {
        this.json = json;
        if (allowedOrigins.isEmpty()) {
            this.configurations = request -> null;
        } else {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(allowedOrigins);
            configuration.setAllowedMethods(METHODS);
            configuration.setAllowedHeaders(REQUEST_HEADERS);
            configuration.setExposedHeaders(EXPOSED_HEADERS);
            configuration.setMaxAge(3600L);
            this.configurations = request -> configuration;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CorsConfiguration configuration = configurations.getCorsConfiguration(request);
        if (!processor.processRequest(configuration, request, response)) {
            Problems.write(response, Problems.create(HttpStatus.FORBIDDEN, Problems.FORBIDDEN,
                    "this cross-origin request is not allowed: origin " + request.getHeader("Origin")
                            + " is not one of PARLEY_CORS_ALLOWED_ORIGINS, or it asks for a method or header the API "
                            + "does not take", request), json);
            return;
        }
        if (configuration != null && CorsUtils.isPreFlightRequest(request)) {
            return;
        }
        chain.doFilter(request, response);
    }
}
