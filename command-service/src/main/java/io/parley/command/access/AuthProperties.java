package io.parley.command.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code parley.auth.*}: how callers are identified. Which tokens are trusted is Spring's resource-server setting. */
@ConfigurationProperties("parley.auth")
public record AuthProperties(@DefaultValue("jwt") AuthMode mode) {
}
