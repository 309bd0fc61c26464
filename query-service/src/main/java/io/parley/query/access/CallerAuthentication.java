package io.parley.query.access;

import io.parley.model.access.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;

/** An authenticated request: who calls, read from a verified token or (development mode) from {@code X-Actor}. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final transient Jwt token;

    private CallerAuthentication(Caller caller, Jwt token) {
        super(List.of());
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    static CallerAuthentication of(Jwt token) {
        return new CallerAuthentication(Caller.fromClaims(token.getSubject(), token.getClaim(Caller.ROLES_CLAIM),
                token.getClaim(Caller.NEGOTIATIONS_CLAIM)), token);
    }

    static CallerAuthentication of(Caller caller) {
        return new CallerAuthentication(caller, null);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    /** The verified token; {@code null} in development mode. */
    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return caller.subject() == null ? caller.roleName() : caller.subject();
    }
}
