package io.parley.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A verified token is not verified again until its exp; a refusal is never remembered. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final List<String> verified = new ArrayList<>();
    private Instant expires = NOW.plus(Duration.ofHours(1));
    private boolean refuse;

    private final JwtDecoder decoder = token -> {
        verified.add(token);
        if (refuse) {
            throw new BadJwtException("refused: " + token);
        }
        Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("team-ua")
                .claims(claims -> claims.putAll(Map.of("roles", List.of("party:UA"))))
                .issuedAt(NOW.minusSeconds(60));
        return (expires == null ? jwt : jwt.expiresAt(expires)).build();
    };

    private final VerifiedTokens tokens = new VerifiedTokens(decoder, 100, Duration.ofMinutes(5), clock);

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgain() {
        Jwt first = tokens.decode("t1");
        Jwt second = tokens.decode("t1");

        assertThat(second).isSameAs(first);
        assertThat(verified).containsExactly("t1");
    }

    @Test
    void anotherTokenIsVerifiedOnItsOwn() {
        tokens.decode("t1");
        tokens.decode("t2");

        assertThat(verified).containsExactly("t1", "t2");
    }

    @Test
    void aTokenIsVerifiedAgainFromItsExpOnAndThenRefused() {
        expires = NOW.plusSeconds(30);
        tokens.decode("t1");
        clock.now = NOW.plusSeconds(29);
        tokens.decode("t1");
        assertThat(verified).containsExactly("t1");

        clock.now = NOW.plusSeconds(30);
        refuse = true;

        assertThatThrownBy(() -> tokens.decode("t1")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("t1", "t1");
    }

    @Test
    void aRefusalIsNotRemembered() {
        refuse = true;
        assertThatThrownBy(() -> tokens.decode("t1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("t1")).isInstanceOf(BadJwtException.class);

        assertThat(verified).containsExactly("t1", "t1");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenWithoutExpOrAlreadyPastItIsNotKept() {
        expires = null;
        tokens.decode("no-exp");
        tokens.decode("no-exp");
        expires = NOW;
        tokens.decode("at-exp");
        tokens.decode("at-exp");

        assertThat(verified).containsExactly("no-exp", "no-exp", "at-exp", "at-exp");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void sizeZeroVerifiesEveryRequest() {
        JwtDecoder uncached = VerifiedTokens.caching(decoder, 0, Duration.ofMinutes(5));
        uncached.decode("t1");
        uncached.decode("t1");

        assertThat(uncached).isSameAs(decoder);
        assertThat(verified).containsExactly("t1", "t1");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
