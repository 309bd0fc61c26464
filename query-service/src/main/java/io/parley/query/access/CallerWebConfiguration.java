package io.parley.query.access;

import io.parley.support.security.CurrentCaller;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Controllers take the {@code Caller} as a parameter; negotiation-limited credentials are checked before them. */
@Configuration(proxyBeanMethods = false)
class CallerWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentCaller());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new NegotiationLimit()).addPathPatterns(NegotiationLimit.PATHS);
    }
}
