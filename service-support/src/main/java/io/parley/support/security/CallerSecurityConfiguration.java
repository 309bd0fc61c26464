package io.parley.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.observation.SecurityObservationSettings;

/** The callers' security both services share: their settings, their mode, and the rules ({@link ApiSecurity}). */
@AutoConfiguration
public class CallerSecurityConfiguration {

    @Bean
    AuthSettings authSettings(Environment environment) {
        return AuthSettings.from(environment);
    }

    @Bean
    AuthMode authMode(AuthSettings settings) {
        return settings.mode();
    }

    @Bean
    ApiSecurity parleyApiSecurityRules(AuthSettings settings, ResourceLoader resources) {
        return new ApiSecurity(settings, resources);
    }

    /**
     * Spring Security observes nothing: it would time every filter of its chain, each authentication and each
     * authorization decision, for every request, and record nothing an operator uses that
     * {@code http.server.requests} does not already give (its status tells a 401 or 403 apart).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
