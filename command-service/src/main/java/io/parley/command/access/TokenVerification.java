package io.parley.command.access;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;

/**
 * Which tokens are trusted: those of an OpenID Connect issuer (keys discovered from it), of a JWK set, or signed by
 * one RSA key. Every token must also be within its validity period, come from the issuer when one is named, and
 * name its subject (at most 255 characters), which every event records.
 */
final class TokenVerification {

    static final String NOT_CONFIGURED = "Token mode (PARLEY_AUTH_MODE=jwt) needs a way to verify tokens: set "
            + "PARLEY_AUTH_ISSUER_URI, PARLEY_AUTH_JWK_SET_URI or PARLEY_AUTH_PUBLIC_KEY_LOCATION";

    /** OpenID Connect's limit, and the width of the columns that record subjects. */
    static final int MAX_SUBJECT = 255;

    private TokenVerification() {
    }

    static JwtDecoder decoder(String issuerUri, String jwkSetUri, String publicKeyLocation, ResourceLoader resources) {
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                StringUtils.hasText(issuerUri) ? JwtValidators.createDefaultWithIssuer(issuerUri) : JwtValidators.createDefault(),
                new JwtClaimValidator<String>(JwtClaimNames.SUB,
                        subject -> StringUtils.hasText(subject) && subject.length() <= MAX_SUBJECT));
        if (StringUtils.hasText(jwkSetUri)) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        if (StringUtils.hasText(publicKeyLocation)) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey(resources.getResource(publicKeyLocation)))
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        if (StringUtils.hasText(issuerUri)) {
            // Discovered at the first request, so the service starts while the issuer is still coming up.
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuerUri).build();
                decoder.setJwtValidator(validator);
                return decoder;
            });
        }
        throw new TrustNotConfigured(NOT_CONFIGURED);
    }

    private static RSAPublicKey publicKey(Resource location) {
        try (InputStream in = location.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException | RuntimeException e) {
            throw new TrustNotConfigured("PARLEY_AUTH_PUBLIC_KEY_LOCATION " + location.getDescription()
                    + " is not a readable PEM RSA public key: " + e.getMessage(), e);
        }
    }
}
