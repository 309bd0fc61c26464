package io.parley.command.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.model.access.Caller;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

/**
 * Who may call: in token mode ({@code parley.auth.mode=jwt}, the default) every {@code /api/**} request needs a
 * verified bearer token, from which its {@link Caller} is read; in header mode (development and tests) the caller is
 * whoever {@code X-Actor} names. The operations and documentation endpoints ({@code /actuator/**},
 * {@code /v3/api-docs/**}, {@code /swagger-ui/**}) stay open. What each caller may do is decided where the request
 * is understood: the controller and the rules of the table.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, WriteRateProperties.class, CorsProperties.class})
public class AccessConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);
    private static final String API = "/api/**";
    /** The longest a verified token is honoured without being verified again (a withdrawn JWK stops counting). */
    private static final Duration VERIFIED_TOKEN_MAX_AGE = Duration.ofMinutes(5);

    private final ApiAccessInterceptor apiAccess;

    public AccessConfiguration(ApiAccessInterceptor apiAccess) {
        this.apiAccess = apiAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiAccess).addPathPatterns(API);
    }

    /**
     * Spring Security observes nothing: it would time every filter of its chain, each authentication and each
     * authorization decision, for every request (about a tenth of a write's CPU), and record nothing an operator
     * uses that {@code http.server.requests} does not already give (its status tells a 401 or 403 apart).
     */
    @Bean
    public SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, AuthProperties auth, CorsProperties cors,
                                           ObjectMapper json, ResourceLoader resources,
                                           @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri,
                                           @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
                                           @Value("${spring.security.oauth2.resourceserver.jwt.public-key-location:}") String publicKeyLocation)
            throws Exception {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint(json);
        ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler(json);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterAfter(new CrossOriginFilter(cors.allowedOrigins(), json), SecurityContextHolderFilter.class);
        if (auth.mode() == AuthMode.HEADER) {
            log.warn("Authentication is OFF (PARLEY_AUTH_MODE=header): X-Actor is taken at its word. For development "
                    + "and tests only; never expose this service to others in this mode.");
            http.addFilterBefore(new ActorHeaderFilter(), AnonymousAuthenticationFilter.class)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
        JwtDecoder decoder = VerifiedTokens.caching(
                TokenVerification.decoder(issuerUri, jwkSetUri, publicKeyLocation, resources),
                auth.tokenCacheSize(), VERIFIED_TOKEN_MAX_AGE);
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(API).authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(tokens -> tokens
                        .bearerTokenResolver(apiTokensOnly())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(AccessConfiguration::caller)));
        return http.build();
    }

    private static CallerAuthentication caller(Jwt jwt) {
        return new CallerAuthentication(Caller.fromClaims(jwt.getSubject(), jwt.getClaim(Caller.ROLES_CLAIM),
                jwt.getClaim(Caller.NEGOTIATIONS_CLAIM)), AuthMode.JWT, jwt);
    }

    /** The open endpoints ignore an Authorization header, so a stale token cannot lock anyone out of them. */
    private static BearerTokenResolver apiTokensOnly() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> request.getRequestURI().startsWith("/api/") ? standard.resolve(request) : null;
    }
}
