package io.parley.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.web.filter.CorsFilter;

import java.util.List;

/**
 * Who may call. In token mode (the default) every {@code /api/**} request needs a valid bearer token, from which the
 * {@link io.parley.model.access.Caller} is read; in header mode (development only) {@code X-Actor} names the caller.
 * The actuator, the API description and Swagger UI stay open (expose them on an internal network only). What each
 * caller may see is decided by the reads themselves ({@link Viewer}, {@link NegotiationLimit}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String DECODE_PREFIX = "An error occurred while attempting to decode the Jwt: ";

    @Bean
    AuthMode authMode(@Value("${parley.auth.mode:jwt}") String mode) {
        return AuthMode.parse(mode);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthMode mode, ObjectMapper json, Environment environment,
                                    ResourceLoader resources,
                                    @Value("${parley.cors.allowed-origins:}") List<String> corsOrigins)
            throws Exception {
        FilterProblems problems = new FilterProblems(json);
        AuthenticationEntryPoint unauthorized = unauthorized(problems);
        AccessDeniedHandler forbidden = forbidden(problems);
        http.csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Reads carry per-caller ETags for revalidation; Spring Security's no-store would defeat them. A
                // shared cache does not store responses to requests with Authorization anyway (RFC 9111, 3.5).
                .headers(h -> h.cacheControl(c -> c.disable()))
                .addFilterAt(new CorsGate(corsOrigins, problems), CorsFilter.class)
                .authorizeHttpRequests(a -> a
                        // Errors forwarded by the container are answered as problems by ProblemErrorController.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/**").authenticated()
                        // Actuator, /v3/api-docs, Swagger UI, and unknown paths (answered 404).
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        if (mode == AuthMode.HEADER) {
            log.warn("Authentication is OFF (PARLEY_AUTH_MODE=header): the X-Actor header is trusted as given. For"
                    + " development and tests only; never expose this service to a network others can reach.");
            http.addFilterBefore(new ActorHeaderFilter(), AnonymousAuthenticationFilter.class);
        } else {
            http.addFilterBefore(new VerifierOutage(problems), BearerTokenAuthenticationFilter.class)
                    .oauth2ResourceServer(o -> o
                            .jwt(j -> j.decoder(TokenTrust.decoder(environment, resources))
                                    .jwtAuthenticationConverter(CallerAuthentication::of))
                            .authenticationEntryPoint(unauthorized)
                            .accessDeniedHandler(forbidden));
        }
        return http.build();
    }

    /** A request the firewall refuses (e.g. a ';' in the path) is a 400 problem, not a 500. */
    @Bean
    WebSecurityCustomizer refusedRequestsAreBadRequests() {
        return web -> web.requestRejectedHandler(new HttpStatusRequestRejectedHandler());
    }

    /** 401 with the standard {@code WWW-Authenticate: Bearer ...} header and a problem saying what was wrong. */
    private static AuthenticationEntryPoint unauthorized(FilterProblems problems) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", why(failure));
        };
    }

    private static AccessDeniedHandler forbidden(FilterProblems problems) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, denied) -> {
            bearer.handle(request, response, denied);
            problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden",
                    "this credential does not allow this request");
        };
    }

    private static String why(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException refused && refused.getError().getDescription() != null) {
            String description = refused.getError().getDescription();
            return "the bearer token was refused: " + (description.startsWith(DECODE_PREFIX)
                    ? description.substring(DECODE_PREFIX.length()) : description);
        }
        return "a bearer token is required: send Authorization: Bearer <token>";
    }
}
