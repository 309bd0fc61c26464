package io.parley.support.security;

import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.List;

/**
 * {@code parley.auth.*} and Spring Boot's resource-server settings, as both services read them.
 *
 * @param mode              jwt (bearer tokens) or header ({@code X-Actor}, development and tests only)
 * @param issuerUri         {@code PARLEY_AUTH_ISSUER_URI}: an OpenID Connect issuer whose discovery document names
 *                          its keys; {@code null} when unset
 * @param jwkSetUri         {@code PARLEY_AUTH_JWK_SET_URI}: a JWK set URL
 * @param publicKeyLocation {@code PARLEY_AUTH_PUBLIC_KEY_LOCATION}: a PEM RSA public key
 * @param issuer            the {@code iss} every token must carry: {@code PARLEY_AUTH_ISSUER}, else the issuer URI
 * @param audiences         {@code PARLEY_AUTH_AUDIENCE}: {@code aud} must hold one of these (comma-separated)
 * @param tokenCacheSize    {@code PARLEY_AUTH_TOKEN_CACHE_SIZE}: verified tokens kept (see {@link VerifiedTokens})
 */
public record AuthSettings(AuthMode mode, String issuerUri, String jwkSetUri, String publicKeyLocation, String issuer,
                           List<String> audiences, long tokenCacheSize) {

    private static final String JWT = "spring.security.oauth2.resourceserver.jwt.";
    public static final String MODE = "parley.auth.mode";
    public static final String ISSUER = "parley.auth.issuer";
    public static final String TOKEN_CACHE_SIZE = "parley.auth.token-cache-size";
    public static final String ISSUER_URI = JWT + "issuer-uri";
    public static final String JWK_SET_URI = JWT + "jwk-set-uri";
    public static final String PUBLIC_KEY_LOCATION = JWT + "public-key-location";
    public static final String AUDIENCES = JWT + "audiences";

    public static AuthSettings from(Environment environment) {
        AuthMode mode = AuthMode.parse(environment.getProperty(MODE));
        String issuerUri = text(environment, ISSUER_URI);
        String issuer = text(environment, ISSUER);
        List<String> audiences = Arrays.stream(environment.getProperty(AUDIENCES, "").split(","))
                .map(String::trim).filter(a -> !a.isEmpty()).toList();
        long cacheSize = environment.getProperty(TOKEN_CACHE_SIZE, Long.class, 1000L);
        if (cacheSize < 0) {
            throw new TrustNotConfigured("PARLEY_AUTH_TOKEN_CACHE_SIZE (" + TOKEN_CACHE_SIZE + ") must be 0 or more,"
                    + " was " + cacheSize);
        }
        return new AuthSettings(mode, issuerUri, text(environment, JWK_SET_URI), text(environment, PUBLIC_KEY_LOCATION),
                issuer != null ? issuer : issuerUri, audiences, cacheSize);
    }

    private static String text(Environment environment, String property) {
        String value = environment.getProperty(property);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
