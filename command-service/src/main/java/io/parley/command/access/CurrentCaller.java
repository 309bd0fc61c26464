package io.parley.command.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The caller of the request being handled, as the security filters established it. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    /** Empty only in header mode, when the request has no valid {@code X-Actor}. */
    public static Optional<CallerAuthentication> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication caller ? Optional.of(caller) : Optional.empty();
    }
}
