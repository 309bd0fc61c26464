package io.parley.command.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The events topic and the publishing processor's error handling. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublishingProperties.class)
public class PublishingConfiguration {

    /** Created at start-up when Kafka is there, else by the publisher before its first send. */
    @Bean
    public NewTopic negotiationEventsTopic(PublishingProperties properties) {
        return TopicBuilder.name(KafkaPublisher.TOPIC)
                .partitions(properties.eventsTopic().partitions())
                .replicas(properties.eventsTopic().replicationFactor())
                .build();
    }

    /**
     * Axon's processors, built so that the publisher retries at least every {@code parley.kafka.retry-max-interval}
     * after an error (a database or broker outage) instead of backing off to a minute.
     */
    @Bean
    public EventProcessingModule eventProcessingModule(PublishingProperties properties) {
        return new BoundedRetryProcessor.Module(properties.retryMaxInterval());
    }

    /**
     * A failed publication must stop the batch, not be logged and skipped (Axon's default for event handlers):
     * then the processor rolls back, keeps its token where it was and retries.
     */
    @Bean
    public ConfigurerModule kafkaPublisherFailuresStopTheBatch() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSOR, c -> PropagatingErrorHandler.instance());
    }
}
