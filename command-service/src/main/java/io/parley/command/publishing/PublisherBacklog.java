package io.parley.command.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * How far publishing is behind the event store: stored events Kafka has not acknowledged yet, as the gauge
 * {@code parley.publisher.backlog}. It grows while Kafka is down and falls back to 0 when the publisher has caught
 * up. Only the instance that holds the publisher's claim knows its position; the others report no value (NaN).
 */
@Component
public class PublisherBacklog {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public PublisherBacklog(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        this.processing = processing;
        this.eventStore = eventStore;
        Gauge.builder("parley.publisher.backlog", this, PublisherBacklog::gaugeValue)
                .description("Stored events not yet acknowledged by Kafka (global index of the store's head minus the"
                        + " publisher's position; transactions rolled back leave holes, so it is an upper bound)")
                .baseUnit("events")
                .register(meters);
    }

    private double gaugeValue() {
        OptionalLong events = events();
        return events.isPresent() ? events.getAsLong() : Double.NaN;
    }

    /** Empty when this instance does not run the publisher's segment or the store cannot be read. */
    public OptionalLong events() {
        try {
            OptionalLong published = processing.eventProcessor(KafkaPublisher.PROCESSOR, StreamingEventProcessor.class)
                    .flatMap(p -> p.processingStatus().values().stream().findFirst())
                    .map(EventTrackerStatus::getCurrentPosition)
                    .orElse(OptionalLong.empty());
            if (published.isEmpty()) {
                // Claimed, but no batch has committed yet: everything stored is still to be published.
                if (!hasClaim()) {
                    return OptionalLong.empty();
                }
                published = OptionalLong.of(-1);
            }
            TrackingToken head = eventStore.createHeadToken();
            long headPosition = head == null ? -1 : head.position().orElse(-1);
            return OptionalLong.of(Math.max(0, headPosition - published.getAsLong()));
        } catch (RuntimeException e) {
            // The database is unreachable: no figure rather than a wrong one.
            return OptionalLong.empty();
        }
    }

    private boolean hasClaim() {
        return processing.eventProcessor(KafkaPublisher.PROCESSOR, StreamingEventProcessor.class)
                .map(p -> !p.processingStatus().isEmpty())
                .orElse(false);
    }
}
