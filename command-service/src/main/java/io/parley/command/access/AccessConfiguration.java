package io.parley.command.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.problem.Problems;
import io.parley.support.security.ApiSecurity;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call: the rules both services share ({@link ApiSecurity}: tokens, or {@code X-Actor} in header mode),
 * this service's CORS, and its own checks before a request is handled ({@link ApiAccessInterceptor}: the write-rate
 * limit and negotiation-limited credentials). What each caller may do is decided where the request is understood:
 * the controller and the rules of the table.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WriteRateProperties.class, CorsProperties.class})
public class AccessConfiguration implements WebMvcConfigurer {

    private static final String API = "/api/**";

    private final ApiAccessInterceptor apiAccess;

    public AccessConfiguration(ApiAccessInterceptor apiAccess) {
        this.apiAccess = apiAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiAccess).addPathPatterns(API);
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiSecurity rules, CorsProperties cors, ObjectMapper json)
            throws Exception {
        return rules.apply(http, Problems.responses(json))
                .addFilterAfter(new CrossOriginFilter(cors.allowedOrigins(), json), SecurityContextHolderFilter.class)
                .build();
    }
}
