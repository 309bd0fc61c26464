package io.parley.command.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.write-rate.*}: how many writes one caller may make.
 *
 * @param perMinute the sustained rate
 * @param burst     how many writes may come at once after a quiet spell
 */
@ConfigurationProperties("parley.write-rate")
public record WriteRateProperties(@DefaultValue("1200") long perMinute, @DefaultValue("200") long burst) {

    public WriteRateProperties {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("parley.write-rate.per-minute and .burst must be at least 1, were "
                    + perMinute + " and " + burst);
        }
    }
}
