package io.parley.command.http;

import io.parley.command.support.ApiTest;
import io.parley.command.support.Api;
import io.parley.model.negotiation.MoveProposed;
import io.parley.model.term.TermValue;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another command-service instance on the same database appends to a negotiation this one keeps in memory: this one's
 * next command must be decided on what the store holds, whether it would append (the store's unique key tells) or be
 * refused (the rules, judging a state that is no longer the latest).
 */
class AnotherInstanceTest extends ApiTest {

    @Autowired
    private EventStore eventStore;

    @Test
    void aMoveAfterAnotherInstanceWroteLandsAfterWhatItWrote() {
        String id = openTwoPartyTable();
        propose(id, "UA", "army_cap", "100");

        appendElsewhere(id, 2, "elsewhere-1");
        Api.Response answer = move(id, "RU", """
                {"party": "RU", "kind": "PROPOSE", "term": "army_cap", "value": 50}""");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().path("version").asLong()).isEqualTo(4);
        assertThat(store.events(id)).extracting(e -> e.sequenceNumber()).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void aMoveOnWhatAnotherInstanceWroteIsNotRefusedForAnOldState() {
        String id = openTwoPartyTable();
        propose(id, "UA", "army_cap", "100");

        appendElsewhere(id, 2, "elsewhere-2");
        Api.Response answer = move(id, "UA", """
                {"party": "UA", "kind": "ACCEPT", "moveId": "elsewhere-2"}""");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        // opening, UA's proposal, RU's from elsewhere, UA's acceptance of it and the agreement it completes
        assertThat(store.count(id)).isEqualTo(5);
    }

    @Test
    void aRefusalThatStandsIsStillAnswered() {
        String id = openTwoPartyTable();

        Api.Response answer = move(id, "UA", """
                {"party": "UA", "kind": "ACCEPT", "moveId": "no-such-proposal"}""");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(store.count(id)).isEqualTo(1);
    }

    /** RU proposes {@code moveId} at {@code sequence} through the event store, as another instance would. */
    private void appendElsewhere(String id, long sequence, String moveId) {
        eventStore.publish(new GenericDomainEventMessage<>("Negotiation", id, sequence,
                new MoveProposed(id, moveId, "RU", "army_cap", new TermValue.Whole(70), null)));
    }
}
