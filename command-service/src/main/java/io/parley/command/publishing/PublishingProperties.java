package io.parley.command.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code parley.kafka.*}: the shape of the events topic, how long a publishing batch waits for the broker, and the
 * longest pause of the publisher between retries after an error.
 */
@ConfigurationProperties("parley.kafka")
public record PublishingProperties(@DefaultValue EventsTopic eventsTopic, @DefaultValue("30s") Duration publishTimeout,
                                  @DefaultValue("2s") Duration retryMaxInterval) {

    public record EventsTopic(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {
    }
}
