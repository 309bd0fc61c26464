package io.parley.command.access;

import io.parley.model.access.Caller;
import io.parley.support.security.CallerAuthentication;
import io.parley.support.security.CurrentCaller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Optional;
import java.util.Set;

/**
 * Checks every API request before its body is read or anything is loaded: a write counts against its caller's
 * rate limit ({@link RateLimited}, 429). Then both services refuse a credential limited to other negotiations
 * ({@link io.parley.support.security.NegotiationLimit}, 403).
 */
@Component
public class ApiAccessInterceptor implements HandlerInterceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final WriteRateLimit rateLimit;

    public ApiAccessInterceptor(WriteRateLimit rateLimit) {
        this.rateLimit = rateLimit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        Optional<Caller> caller = CurrentCaller.get().map(CallerAuthentication::caller);
        if (WRITES.contains(request.getMethod())) {
            rateLimit.take(caller.map(ApiAccessInterceptor::key).orElse("address:" + request.getRemoteAddr()));
        }
        return true;
    }

    /** Header mode's callers have their actor as subject. */
    private static String key(Caller caller) {
        return "subject:" + (caller.subject() != null ? caller.subject() : caller.actor());
    }
}
