package io.parley.command.access;

import io.parley.command.support.Api;
import io.parley.command.support.EventStoreTable.StoredEvent;
import io.parley.command.support.EventsTopic;
import io.parley.command.support.TokenApiTest;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Who did what stays on record: every event carries the party or role that acted and the authenticated subject
 * behind it, in the event store and on {@code negotiation.events}.
 */
class AuditTrailTest extends TokenApiTest {

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Test
    void everyEventRecordsTheSubjectAndRoleOfItsCaller() {
        String alice = TestTokens.token("alice@facilitation.example", "facilitator");
        String id = api.post("/api/negotiations").bearer(alice).json(TWO_PARTY_TABLE).send().json().path("id").asText();
        String proposal = api.post("/api/negotiations/" + id + "/moves").bearer(UKRAINE).json(proposal("UA")).send()
                .json().path("moveId").asText();
        Api.Response accepted = api.post("/api/negotiations/" + id + "/moves").bearer(RUSSIA)
                .json("{\"party\": \"RU\", \"kind\": \"ACCEPT\", \"moveId\": \"%s\"}".formatted(proposal)).send();
        Api.Response declared = api.post("/api/negotiations/" + id + "/red-lines").bearer(alice).json("""
                {"party": "RU", "title": "Cap", "expression": "deal.army_cap <= 100000"}""").send();
        assertThat(List.of(accepted.status(), declared.status())).containsOnly(201);

        List<StoredEvent> stored = store.events(id);

        assertThat(stored).extracting(StoredEvent::type, e -> e.metaData().path("actor").asText(),
                        e -> e.metaData().path("actorSubject").asText(), e -> e.metaData().path("actorRole").asText())
                .containsExactly(
                        tuple("NegotiationOpened", "facilitator", "alice@facilitation.example", "facilitator"),
                        tuple("MoveProposed", "UA", "team-ua", "party:UA"),
                        tuple("MoveAccepted", "RU", "team-ru", "party:RU"),
                        tuple("TermAgreed", "RU", "team-ru", "party:RU"),
                        tuple("RedLineDeclared", "facilitator", "alice@facilitation.example", "facilitator"));

        List<PublishedEvent> published = EventsTopic.recordsOf(broker, id, stored.size()).stream()
                .map(record -> EventJson.read(record.value()))
                .toList();

        assertThat(published).extracting(PublishedEvent::actor, PublishedEvent::actorSubject, PublishedEvent::actorRole)
                .containsExactly(
                        tuple("facilitator", "alice@facilitation.example", "facilitator"),
                        tuple("UA", "team-ua", "party:UA"),
                        tuple("RU", "team-ru", "party:RU"),
                        tuple("RU", "team-ru", "party:RU"),
                        tuple("facilitator", "alice@facilitation.example", "facilitator"));
    }
}
