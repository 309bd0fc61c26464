package io.parley.command.access;

import io.parley.model.access.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.List;

/**
 * An established {@link Caller}: from a verified token, or in header mode from {@code X-Actor}.
 *
 * @see CurrentCaller
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final AuthMode mode;
    private final transient Object credentials;

    public CallerAuthentication(Caller caller, AuthMode mode, Object credentials) {
        super(List.of());
        this.caller = caller;
        this.mode = mode;
        this.credentials = credentials;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    /** Whether the caller was named by a token or by {@code X-Actor}, which refusals say. */
    public AuthMode mode() {
        return mode;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return credentials;
    }

    @Override
    public String getName() {
        return caller.subject() != null ? caller.subject() : caller.actor();
    }
}
