package io.parley.command.eventstore;

import io.parley.command.support.ApiTest;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store keeps only the newest thousand events in memory for the publisher, not Axon's ten thousand: under a
 * steady load those stay in the heap for good (found by the sustained-load fault test, where they were most of the
 * heap's growth). Axon exposes the setting only on its builder, so the test reads it back from the store.
 */
class EventCacheTest extends ApiTest {

    @Autowired
    private EventStore eventStore;

    @Test
    void theStoreKeepsTheThousandNewestEventsInMemory() {
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        Object producer = ReflectionTestUtils.getField(eventStore, "producer");
        assertThat(ReflectionTestUtils.getField(producer, "cachedEvents")).isEqualTo(1000);
    }
}
