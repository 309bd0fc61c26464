package io.parley.command.eventstore;

import io.parley.model.json.EventJson;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * How events are stored: Axon's JDBC event store (auto-configured on the Spring DataSource and joined to Spring
 * transactions) with the model's own JSON mapping, and the request metadata every event carries.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /**
     * Axon's serializer for events, metadata and tracking tokens. It gets its own copy of the model's mapper: the
     * HTTP mapper refuses unknown fields, which must never make a stored event unreadable.
     */
    @Bean
    @Primary
    public Serializer axonSerializer(RevisionResolver revisionResolver) {
        return JacksonSerializer.builder()
                .objectMapper(EventJson.mapper().copy())
                .revisionResolver(revisionResolver)
                .build();
    }

    /** Recognises a concurrent append on H2 and PostgreSQL alike, so it becomes Axon's ConcurrencyException. */
    @Bean
    public PersistenceExceptionResolver duplicateKeyResolver() {
        return new DuplicateKeyResolver();
    }

    /**
     * Copies who acted (party or role, subject and role), the request's correlation id and its idempotency key
     * from each command to the events it
     * causes. Declaring it also replaces Axon's default provider, which would overwrite {@code correlationId} with
     * the command's message id.
     */
    @Bean
    public CorrelationDataProvider requestMetadata() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.ACTOR_SUBJECT,
                EventMetadata.ACTOR_ROLE, EventMetadata.CORRELATION_ID, EventMetadata.IDEMPOTENCY_KEY);
    }
}
