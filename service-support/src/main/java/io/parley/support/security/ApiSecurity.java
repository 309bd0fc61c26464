package io.parley.support.security;

import io.parley.support.problem.ProblemResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call, the same on both services. In token mode (the default) every {@code /api/**} request needs a bearer
 * token that {@link TokenTrust} verifies and whose roles claim holds a role Parley knows (else 403); the caller is
 * read from it ({@link CallerAuthentication}). In header mode (development and tests) {@code X-Actor} names the
 * caller. The actuator, the API description and Swagger UI stay open and ignore any Authorization header. Refusals
 * are problems: 401 with the standard {@code WWW-Authenticate: Bearer}, 403, and 503 with {@code Retry-After} when the
 * identity provider cannot be reached. What each caller may do is decided where the request is understood.
 */
public final class ApiSecurity {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);
    private static final String API = "/api/**";
    /** How Spring Security prefixes every reason a token could not be read; the reason alone says more. */
    private static final String DECODING_FAILED = "An error occurred while attempting to decode the Jwt: ";

    private final AuthSettings settings;
    private final ResourceLoader resources;

    public ApiSecurity(AuthSettings settings, ResourceLoader resources) {
        this.settings = settings;
        this.resources = resources;
    }

    public AuthMode mode() {
        return settings.mode();
    }

    /** Applies the rules to {@code http}; a service adds what is its own (CORS, headers) before building it. */
    public HttpSecurity apply(HttpSecurity http, ProblemResponses problems) throws Exception {
        AuthenticationEntryPoint unauthorized = unauthorized(problems);
        AccessDeniedHandler forbidden = forbidden(problems);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        if (settings.mode() == AuthMode.HEADER) {
            log.warn("Authentication is OFF (PARLEY_AUTH_MODE=header): X-Actor is taken at its word. For development "
                    + "and tests only; never expose this service to others in this mode.");
            return http.addFilterBefore(new ActorHeaderFilter(), AnonymousAuthenticationFilter.class)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        }
        return http.authorizeHttpRequests(requests -> requests
                        // Errors forwarded by the container are answered as problems by the error controller.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(API).hasAuthority(CallerAuthentication.API_CALLER)
                        // Actuator, /v3/api-docs, Swagger UI, and unknown paths (answered 404).
                        .anyRequest().permitAll())
                .addFilterBefore(new VerifierOutage(problems), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(tokens -> tokens
                        .bearerTokenResolver(apiTokensOnly())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden)
                        .jwt(jwt -> jwt.decoder(TokenTrust.decoder(settings, resources))
                                .jwtAuthenticationConverter(CallerAuthentication::of)));
    }

    /** 401 with the standard {@code WWW-Authenticate: Bearer ...} header and a problem saying what was wrong. */
    private static AuthenticationEntryPoint unauthorized(ProblemResponses problems) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", why(failure));
        };
    }

    /** 403: a token without a role Parley knows, or what no caller may do. */
    private static AccessDeniedHandler forbidden(ProblemResponses problems) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, denied) -> {
            bearer.handle(request, response, denied);
            problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", CurrentCaller.get()
                    .filter(caller -> caller.getAuthorities().isEmpty())
                    .map(caller -> "this token carries no Parley role (facilitator, party:<id> or observer in its '"
                            + io.parley.model.access.Caller.ROLES_CLAIM + "' claim)")
                    .orElse("this caller may not do this"));
        };
    }

    private static String why(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException refused && refused.getError().getDescription() != null) {
            String description = refused.getError().getDescription();
            return "the bearer token was refused: " + (description.startsWith(DECODING_FAILED)
                    ? description.substring(DECODING_FAILED.length()) : description);
        }
        return "a bearer token is required: send Authorization: Bearer <token>";
    }

    /** The open endpoints ignore an Authorization header, so a stale token cannot lock anyone out of them. */
    private static BearerTokenResolver apiTokensOnly() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> request.getRequestURI().startsWith("/api/") ? standard.resolve(request) : null;
    }
}
