package io.parley.command.publishing;

import io.parley.command.eventstore.EventMetadata;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.negotiation.NegotiationEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to {@value #TOPIC}, in order, at least once. It runs in the tracking processor
 * {@value #PROCESSOR}, which reads the event store after the events were committed and keeps its position in the
 * token store. The sends of a batch are awaited before the batch commits, so the position never moves past an event
 * the broker has not acknowledged; on failure the whole batch is sent again (the query side drops duplicates).
 */
@Component
@ProcessingGroup(KafkaPublisher.PROCESSOR)
public class KafkaPublisher {

    public static final String TOPIC = "negotiation.events";
    public static final String PROCESSOR = "kafka-publisher";

    private static final String BATCH_SENDS = KafkaPublisher.class.getName() + ".sends";

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    private final NewTopic topic;
    private final Duration publishTimeout;
    private final Counter published;
    private final Counter failedBatches;
    private volatile boolean topicReady;

    public KafkaPublisher(KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, NewTopic negotiationEventsTopic,
                          PublishingProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.admin = admin;
        this.topic = negotiationEventsTopic;
        this.publishTimeout = properties.publishTimeout();
        this.published = Counter.builder("parley.publisher.events")
                .description("Events Kafka acknowledged on " + TOPIC)
                .register(meters);
        this.failedBatches = Counter.builder("parley.publisher.failures")
                .description("Publishing batches that failed and will be sent again")
                .register(meters);
    }

    @EventHandler
    public void publish(NegotiationEvent event, DomainEventMessage<?> message) {
        try {
            ensureTopic();
            List<CompletableFuture<SendResult<String, byte[]>>> sends = sendsOfThisBatch();
            // Once one send of the batch failed, the batch will be retried anyway: stop waiting on a dead broker.
            sends.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().ifPresent(KafkaPublisher::await);
            sends.add(kafka.send(record(toPublished(event, message))));
        } catch (RuntimeException e) {
            failedBatches.increment();
            throw e;
        }
    }

    private static PublishedEvent toPublished(NegotiationEvent event, DomainEventMessage<?> message) {
        return new PublishedEvent(message.getIdentifier(), message.getAggregateIdentifier(),
                message.getSequenceNumber() + 1, message.getTimestamp(),
                (String) message.getMetaData().get(EventMetadata.ACTOR),
                (String) message.getMetaData().get(EventMetadata.CORRELATION_ID), event,
                (String) message.getMetaData().get(EventMetadata.ACTOR_SUBJECT),
                (String) message.getMetaData().get(EventMetadata.ACTOR_ROLE));
    }

    private static ProducerRecord<String, byte[]> record(PublishedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(EventJson.HEADER_TYPE, event.type().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(EventJson.HEADER_VERSION,
                Long.toString(event.version()).getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(EventJson.HEADER_CONTENT_TYPE, EventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(TOPIC, null, event.at().toEpochMilli(), event.negotiationId(), EventJson.write(event),
                headers);
    }

    /** Creates the topic with its partitions if start-up could not (Kafka was down); throws while Kafka is down. */
    private void ensureTopic() {
        if (!topicReady) {
            admin.createOrModifyTopics(topic);
            topicReady = true;
        }
    }

    /** The sends of the current batch; the first call of a batch arranges for them to be awaited before it commits. */
    private List<CompletableFuture<SendResult<String, byte[]>>> sendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH_SENDS, key -> {
            List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAll(sends));
            return sends;
        });
    }

    private void awaitAll(List<CompletableFuture<SendResult<String, byte[]>>> sends) {
        try {
            // The batch is complete: what the producer holds back to fill its requests (linger.ms) goes now. Records
            // that cannot be delivered fail within delivery.timeout.ms, so this never waits past the broker's limit.
            kafka.flush();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
            published.increment(sends.size());
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            failedBatches.increment();
            throw failure(e);
        }
    }

    private PublishingFailed failure(Exception e) {
        if (e instanceof ExecutionException) {
            return new PublishingFailed("Kafka did not acknowledge an event; the batch will be sent again", e.getCause());
        }
        if (e instanceof TimeoutException) {
            return new PublishingFailed("Kafka did not acknowledge the batch within " + publishTimeout
                    + "; it will be sent again", e);
        }
        Thread.currentThread().interrupt();
        return new PublishingFailed("interrupted while waiting for Kafka", e);
    }

    private static void await(CompletableFuture<?> failed) {
        try {
            failed.join();
        } catch (RuntimeException e) {
            throw new PublishingFailed("Kafka refused an event of this batch; the batch will be sent again",
                    e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Publishing stopped; the tracking processor retries the batch from its last position. */
    public static class PublishingFailed extends RuntimeException {
        public PublishingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
