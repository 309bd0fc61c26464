package io.parley.support.security;

import io.parley.model.access.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;

/**
 * An established {@link Caller}: from a verified token, or in header mode from {@code X-Actor}. A token whose
 * {@code roles} claim holds no role Parley knows (an ID token, a token for another application) authenticates but
 * lacks {@link #API_CALLER}, so the API refuses it with 403: it is never taken for an observer.
 *
 * @see CurrentCaller
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    /** What a caller needs to use {@code /api/**} in token mode: a role Parley recognises. */
    public static final String API_CALLER = "PARLEY_API_CALLER";

    private static final List<GrantedAuthority> MAY_CALL = List.of(new SimpleGrantedAuthority(API_CALLER));

    private final Caller caller;
    private final AuthMode mode;
    private final transient Object credentials;

    public CallerAuthentication(Caller caller, AuthMode mode, Object credentials, boolean recognisedRole) {
        super(recognisedRole ? MAY_CALL : List.of());
        this.caller = caller;
        this.mode = mode;
        this.credentials = credentials;
        setAuthenticated(true);
    }

    /** The caller a verified token names. */
    public static CallerAuthentication of(Jwt token) {
        Object roles = token.getClaim(Caller.ROLES_CLAIM);
        return new CallerAuthentication(Caller.fromClaims(token.getSubject(), roles,
                token.getClaim(Caller.NEGOTIATIONS_CLAIM)), AuthMode.JWT, token, Caller.recognisesRole(roles));
    }

    /** The caller {@code X-Actor} names (header mode). */
    public static CallerAuthentication ofActorHeader(String actor) {
        return new CallerAuthentication(Caller.fromActorHeader(actor), AuthMode.HEADER, null, true);
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

    /** The verified token; {@code null} in header mode. */
    @Override
    public Object getCredentials() {
        return credentials;
    }

    @Override
    public String getName() {
        return caller.subject() != null ? caller.subject() : caller.actor();
    }
}
