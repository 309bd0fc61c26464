package io.parley.command.eventstore;

import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import io.parley.command.negotiation.Negotiation;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A negotiation that is no longer in memory (a restart, an eviction) is loaded from its latest snapshot and the events
 * after it, and decides exactly as the replayed negotiation would: closed proposals included. The tests' context
 * takes a snapshot every 20 events ({@link ApiTest}).
 */
class SnapshotsTest extends ApiTest {

    /** The one snapshot thread may still be working through snapshots the shared context's other tests asked for. */
    private static final Duration SNAPSHOT_TAKEN = Duration.ofSeconds(60);

    @Autowired
    private AggregateCache loaded;

    @Autowired
    private EventStore eventStore;

    @Test
    void aLongNegotiationOutOfMemoryIsLoadedFromItsSnapshotAndRefusesAsBefore() {
        String id = openTwoPartyTable();
        String countered = propose(id, "UA", "army_cap", "100");
        assertThat(move(id, "RU", """
                {"party": "RU", "kind": "COUNTER", "moveId": "%s", "value": 50}""".formatted(countered)).status())
                .isEqualTo(201);
        long version = 3;
        for (int round = 0; round < 15; round++) {
            String p = propose(id, "UA", "nato_membership", "\"PAUSED\"");
            assertThat(move(id, "UA", """
                    {"party": "UA", "kind": "WITHDRAW", "moveId": "%s"}""".formatted(p)).status()).isEqualTo(201);
            version += 2;
        }
        await().atMost(SNAPSHOT_TAKEN).until(() -> latestSnapshot(id) >= 19);

        loaded.removeAll();
        DomainEventMessage<?> first = eventStore.readEvents(id).next();
        assertThat(first.getPayloadType()).isEqualTo(Negotiation.class);
        assertThat(first.getSequenceNumber() + 1).isGreaterThanOrEqualTo(20);

        // The countered proposal is closed, not unknown: only the whole state can tell.
        Api.Response refused = move(id, "RU", """
                {"party": "RU", "kind": "ACCEPT", "moveId": "%s"}""".formatted(countered));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("code").asText()).isEqualTo("proposal-countered");

        loaded.removeAll();
        Api.Response next = move(id, "UA", """
                {"party": "UA", "kind": "PROPOSE", "term": "nato_membership", "value": "RENOUNCED"}""");
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        assertThat(next.json().path("version").asLong()).isEqualTo(version + 1);
        assertThat(store.count(id)).isEqualTo(version + 1);
    }

    @Test
    void aSnapshotOfAnotherRevisionIsPassedOverAndTheEventsReplayed() {
        String id = openTwoPartyTable();
        for (int round = 0; round < 12; round++) {
            String p = propose(id, "UA", "army_cap", Integer.toString(round));
            assertThat(move(id, "UA", """
                    {"party": "UA", "kind": "WITHDRAW", "moveId": "%s"}""".formatted(p)).status()).isEqualTo(201);
        }
        await().atMost(SNAPSHOT_TAKEN).until(() -> latestSnapshot(id) >= 19);
        // As an older release would have left it: a later position, a form this one cannot read.
        jdbc.update("INSERT INTO snapshotevententry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                        + " metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, 23L, "Negotiation", UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                "{\"no\": \"such form\"".getBytes(StandardCharsets.UTF_8), "0", Negotiation.class.getName(),
                Instant.now().toString());
        loaded.removeAll();

        Api.Response next = move(id, "UA", """
                {"party": "UA", "kind": "PROPOSE", "term": "army_cap", "value": 7}""");

        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        assertThat(next.json().path("version").asLong()).isEqualTo(26);
    }

    private long latestSnapshot(String id) {
        Long sequence = jdbc.queryForObject(
                "SELECT MAX(sequenceNumber) FROM snapshotevententry WHERE aggregateIdentifier = ?", Long.class, id);
        return sequence == null ? -1 : sequence;
    }
}
