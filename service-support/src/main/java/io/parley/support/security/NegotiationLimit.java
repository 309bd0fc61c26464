package io.parley.support.security;

import io.parley.model.access.Caller;
import io.parley.support.problem.Forbidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * A credential limited to named negotiations is refused (403) on every other one, before anything about that
 * negotiation is read or written, so that it cannot even learn whether the negotiation exists. Applies to every
 * endpoint under {@code /api/negotiations/{id}} of both services.
 */
public final class NegotiationLimit implements HandlerInterceptor {

    public static final String PATHS = "/api/negotiations/*/**";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") instanceof String negotiationId) {
            Caller caller = CurrentCaller.caller();
            if (!caller.mayAccess(negotiationId)) {
                throw new Forbidden("this credential is limited to named negotiations and '" + negotiationId
                        + "' is not one of them");
            }
        }
        return true;
    }
}
