package io.parley.query.access;

import org.springframework.http.HttpHeaders;

import java.util.Locale;

/** How callers prove who they are ({@code parley.auth.mode}, environment {@code PARLEY_AUTH_MODE}). */
public enum AuthMode {

    /** A signed bearer token on every {@code /api/**} request; {@code X-Actor} is ignored. */
    JWT(HttpHeaders.AUTHORIZATION),
    /** Development and tests only: no tokens, the {@code X-Actor} header is taken at its word. */
    HEADER(ActorHeaderFilter.HEADER);

    private final String identityHeader;

    AuthMode(String identityHeader) {
        this.identityHeader = identityHeader;
    }

    /** The request header that says who asks, which is what per-caller responses vary by. */
    public String identityHeader() {
        return identityHeader;
    }

    static AuthMode parse(String value) {
        String mode = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "", "jwt" -> JWT;
            case "header" -> HEADER;
            default -> throw new UnusableAuthSettings("PARLEY_AUTH_MODE (parley.auth.mode) must be 'jwt' or 'header',"
                    + " was '" + value + "'");
        };
    }
}
