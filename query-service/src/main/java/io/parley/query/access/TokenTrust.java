package io.parley.query.access;

import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Which tokens the service trusts, from Spring Boot's resource-server properties (set through
 * {@code PARLEY_AUTH_ISSUER_URI}, {@code PARLEY_AUTH_JWK_SET_URI} or {@code PARLEY_AUTH_PUBLIC_KEY_LOCATION}).
 * Signing keys come from the JWK set URL, else the PEM public key, else the issuer's discovery document; an issuer,
 * when set, must match every token's {@code iss}, and configured audiences its {@code aud}.
 */
final class TokenTrust {

    private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";
    static final String ISSUER_URI = PREFIX + "issuer-uri";
    static final String JWK_SET_URI = PREFIX + "jwk-set-uri";
    static final String PUBLIC_KEY_LOCATION = PREFIX + "public-key-location";
    static final String AUDIENCES = PREFIX + "audiences";

    private TokenTrust() {
    }

    static JwtDecoder decoder(Environment environment, ResourceLoader resources) {
        String issuer = text(environment, ISSUER_URI);
        String jwkSet = text(environment, JWK_SET_URI);
        String publicKey = text(environment, PUBLIC_KEY_LOCATION);
        List<String> audiences = Arrays.stream(environment.getProperty(AUDIENCES, "").split(","))
                .map(String::trim).filter(a -> !a.isEmpty()).toList();
        if (jwkSet != null) {
            return validated(NimbusJwtDecoder.withJwkSetUri(jwkSet).build(), issuer, audiences);
        }
        if (publicKey != null) {
            return validated(NimbusJwtDecoder.withPublicKey(readKey(resources.getResource(publicKey), publicKey))
                    .build(), issuer, audiences);
        }
        if (issuer != null) {
            // Discovered on first use, so that the service starts while the identity provider is still coming up.
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder discovered = JwtDecoders.fromIssuerLocation(issuer);
                return validated(discovered, issuer, audiences);
            });
        }
        throw new UnusableAuthSettings("Authentication is on (PARLEY_AUTH_MODE=jwt) but no token issuer is configured:"
                + " set one of PARLEY_AUTH_ISSUER_URI, PARLEY_AUTH_JWK_SET_URI or PARLEY_AUTH_PUBLIC_KEY_LOCATION");
    }

    private static NimbusJwtDecoder validated(NimbusJwtDecoder decoder, String issuer, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer == null ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static RSAPublicKey readKey(Resource resource, String location) {
        if (!resource.exists()) {
            throw new UnusableAuthSettings("PARLEY_AUTH_PUBLIC_KEY_LOCATION names no readable file: " + location);
        }
        try (InputStream in = resource.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key at " + location, e);
        }
    }

    private static String text(Environment environment, String property) {
        String value = environment.getProperty(property);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
