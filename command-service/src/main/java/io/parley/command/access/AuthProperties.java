package io.parley.command.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.auth.*}: how callers are identified. Which tokens are trusted is Spring's resource-server setting.
 *
 * @param mode           jwt (bearer tokens) or header ({@code X-Actor}, development and tests only)
 * @param tokenCacheSize in jwt mode, how many verified tokens are kept so that a token's next requests are not
 *                       verified again (see {@link VerifiedTokens}); 0 verifies every request
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(@DefaultValue("jwt") AuthMode mode, @DefaultValue("1000") long tokenCacheSize) {

    public AuthProperties {
        if (tokenCacheSize < 0) {
            throw new IllegalArgumentException("parley.auth.token-cache-size must be 0 or more, was " + tokenCacheSize);
        }
    }
}
