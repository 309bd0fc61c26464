package io.parley.support.security;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Which tokens both services trust, checked completely and the same way: the signature (keys from the JWK set URL,
 * else the PEM public key, else the issuer's discovery document), {@code exp} and {@code nbf}, {@code iss} equal to
 * the configured issuer, {@code aud} holding a configured audience, and a subject of at most 255 characters (which
 * every event records). Token mode without all of these refuses to start ({@link TrustNotConfigured}). Verified
 * tokens are kept a while ({@link VerifiedTokens}).
 */
public final class TokenTrust {

    /** OpenID Connect's limit, and the width of the columns that record subjects. */
    public static final int MAX_SUBJECT = 255;
    /** The longest a verified token is honoured without being verified again (a withdrawn JWK stops counting). */
    static final Duration VERIFIED_TOKEN_MAX_AGE = Duration.ofMinutes(5);

    private TokenTrust() {
    }

    public static JwtDecoder decoder(AuthSettings settings, ResourceLoader resources) {
        if (settings.jwkSetUri() == null && settings.publicKeyLocation() == null && settings.issuerUri() == null) {
            throw new TrustNotConfigured("Token mode (PARLEY_AUTH_MODE=jwt) needs a way to verify tokens: set "
                    + "PARLEY_AUTH_ISSUER_URI, PARLEY_AUTH_JWK_SET_URI or PARLEY_AUTH_PUBLIC_KEY_LOCATION");
        }
        RSAPublicKey key = settings.jwkSetUri() == null && settings.publicKeyLocation() != null
                ? publicKey(resources.getResource(settings.publicKeyLocation()), settings.publicKeyLocation()) : null;
        if (settings.issuer() == null) {
            throw new TrustNotConfigured("Token mode (PARLEY_AUTH_MODE=jwt) needs the issuer tokens must come from: set "
                    + "PARLEY_AUTH_ISSUER to their 'iss' (or PARLEY_AUTH_ISSUER_URI to the OpenID Connect issuer)");
        }
        if (settings.audiences().isEmpty()) {
            throw new TrustNotConfigured("Token mode (PARLEY_AUTH_MODE=jwt) needs the audience of tokens for Parley: set "
                    + "PARLEY_AUTH_AUDIENCE to the 'aud' they carry (the API's identifier at the identity provider)");
        }
        OAuth2TokenValidator<Jwt> validator = validator(settings.issuer(), settings.audiences());
        JwtDecoder decoder;
        if (settings.jwkSetUri() != null) {
            decoder = validated(NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build(), validator);
        } else if (key != null) {
            decoder = validated(NimbusJwtDecoder.withPublicKey(key).build(), validator);
        } else {
            String issuerUri = settings.issuerUri();
            // Discovered at the first request, so the service starts while the issuer is still coming up.
            decoder = new SupplierJwtDecoder(() -> validated(NimbusJwtDecoder.withIssuerLocation(issuerUri).build(),
                    validator));
        }
        return VerifiedTokens.caching(decoder, settings.tokenCacheSize(), VERIFIED_TOKEN_MAX_AGE);
    }

    /** Validity period, issuer, audience and subject: what a token must carry beyond a good signature. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(audiences::contains)),
                new JwtClaimValidator<String>(JwtClaimNames.SUB,
                        subject -> StringUtils.hasText(subject) && subject.length() <= MAX_SUBJECT));
    }

    private static NimbusJwtDecoder validated(NimbusJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static RSAPublicKey publicKey(Resource resource, String location) {
        if (!resource.exists()) {
            throw new TrustNotConfigured("PARLEY_AUTH_PUBLIC_KEY_LOCATION names no readable file: " + location);
        }
        try (InputStream in = resource.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException | RuntimeException e) {
            throw new TrustNotConfigured("PARLEY_AUTH_PUBLIC_KEY_LOCATION " + location
                    + " is not a readable PEM RSA public key: " + e.getMessage(), e);
        }
    }
}
