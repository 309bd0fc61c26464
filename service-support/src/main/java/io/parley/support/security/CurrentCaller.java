package io.parley.support.security;

import io.parley.model.access.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Optional;

/**
 * The caller of the request being handled, as the security filters established it; also gives a controller
 * method's {@link Caller} parameter that caller.
 */
public final class CurrentCaller implements HandlerMethodArgumentResolver {

    /** Empty only in header mode, when the request has no valid {@code X-Actor}. */
    public static Optional<CallerAuthentication> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication caller ? Optional.of(caller) : Optional.empty();
    }

    /** The caller; nobody established (header mode without a valid {@code X-Actor}) is an observer: sees the least. */
    public static Caller caller() {
        return get().map(CallerAuthentication::caller).orElseGet(() -> Caller.observer(null));
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return caller();
    }
}
