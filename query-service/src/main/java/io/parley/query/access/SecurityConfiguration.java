package io.parley.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.problem.Problems;
import io.parley.support.security.ApiSecurity;
import io.parley.support.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.web.filter.CorsFilter;

import java.util.List;

/**
 * Who may call: the rules both services share ({@link ApiSecurity}: tokens, or {@code X-Actor} in header mode) and
 * this service's CORS. The actuator, the API description and Swagger UI stay open (expose them on an internal network
 * only). What each caller may see is decided by the reads themselves ({@link Viewer}, {@link io.parley.support.security.NegotiationLimit}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiSecurity rules, ObjectMapper json,
                                    @Value("${parley.cors.allowed-origins:}") List<String> corsOrigins)
            throws Exception {
        ProblemResponses problems = Problems.responses(json);
        return rules.apply(http, problems)
                // Reads carry per-caller ETags for revalidation; Spring Security's no-store would defeat them. A
                // shared cache does not store responses to requests with Authorization anyway (RFC 9111, 3.5).
                .headers(h -> h.cacheControl(c -> c.disable()))
                .addFilterAt(new CorsGate(corsOrigins, problems), CorsFilter.class)
                .build();
    }

    /** A request the firewall refuses (e.g. a ';' in the path) is a 400 problem, not a 500. */
    @Bean
    WebSecurityCustomizer refusedRequestsAreBadRequests() {
        return web -> web.requestRejectedHandler(new HttpStatusRequestRejectedHandler());
    }
}
