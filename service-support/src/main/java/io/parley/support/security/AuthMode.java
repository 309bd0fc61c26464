package io.parley.support.security;

import org.springframework.http.HttpHeaders;

import java.util.Locale;

/** How callers prove who they are ({@code parley.auth.mode}, environment {@code PARLEY_AUTH_MODE}). */
public enum AuthMode {

    /** A verified bearer token on every {@code /api/**} request; {@code X-Actor} is ignored. */
    JWT(HttpHeaders.AUTHORIZATION),
    /** Development and tests only: no tokens, the {@code X-Actor} header is taken at its word. */
    HEADER(ActorHeader.NAME);

    private final String identityHeader;

    AuthMode(String identityHeader) {
        this.identityHeader = identityHeader;
    }

    /** The request header that says who asks, which is what per-caller responses vary by. */
    public String identityHeader() {
        return identityHeader;
    }

    /** {@code jwt} (also when unset) or {@code header}; anything else stops the start. */
    public static AuthMode parse(String value) {
        String mode = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "", "jwt" -> JWT;
            case "header" -> HEADER;
            default -> throw new TrustNotConfigured("PARLEY_AUTH_MODE (parley.auth.mode) must be 'jwt' or 'header',"
                    + " was '" + value + "'");
        };
    }
}
