package io.parley.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The tokens verified lately, so that a caller's next request with the same token is not verified again: checking
 * an RSA signature, parsing the token and validating its claims is most of what authentication costs, and a client
 * sends the same token with every request until it expires.
 * <p>
 * Only a token that {@code decoder} accepted is kept, keyed by the token itself (the whole signed string, so a token
 * changed in any way is verified anew), and it is served from here only before its {@code exp}: from then on it goes
 * to {@code decoder} again, which refuses it as before. A token without {@code exp} is never kept. Nothing is kept
 * longer than {@code maxAge} either, so a key withdrawn from a JWK set stops being honoured within that time. A
 * refusal is never kept: a refused token is verified, and refused, every time, with the same answer as ever.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    /** @param size how many tokens are kept at most (the least recently used leave first); 0 keeps none */
    public static JwtDecoder caching(JwtDecoder decoder, long size, Duration maxAge) {
        return size <= 0 ? decoder : new VerifiedTokens(decoder, size, maxAge, Clock.systemUTC());
    }

    VerifiedTokens(JwtDecoder decoder, long size, Duration maxAge, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(maxAge).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (clock.instant().isBefore(known.getExpiresAt())) {
                return known;
            }
            verified.invalidate(token);
        }
        Jwt jwt = decoder.decode(token);
        Instant expires = jwt.getExpiresAt();
        if (expires != null && clock.instant().isBefore(expires)) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** How many tokens are kept now (for tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
