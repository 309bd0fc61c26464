package io.parley.query.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.json.PublishedEvent;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import io.parley.query.support.WithTokens;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the round a dispute: who at Ukraine's table proposed pursuing NATO membership? The facilitator reads on the
 * timeline the authenticated subject and role behind every event; the parties and observers do not, since which
 * account acted for a party is that party's business. Events recorded before authentication have none.
 */
@ExtendWith(QueryServiceExtension.class)
class TimelineAuditTest {

    private static Session session;

    @BeforeAll
    static void ukraineProposesAndRussiaRejects(@WithTokens QueryService service) {
        session = Session.openUkraine("Who did it");
        String pursue = session.propose("UA", "nato_membership", "\"PURSUE\"", "our sovereign choice");
        session.reject("RU", pursue, "never");
        service.publishAndAwait(session.events());
    }

    @Test
    void the_facilitator_sees_the_subject_and_role_behind_every_event(@WithTokens QueryService service) {
        JsonNode timeline = timeline(service, TestTokens.forActor(Session.FACILITATOR), session.id());

        assertThat(texts(timeline, "actor")).containsExactly("facilitator", "UA", "RU");
        assertThat(texts(timeline, "subject")).containsExactly("facilitator", "team-ua", "team-ru");
        assertThat(texts(timeline, "role")).containsExactly("facilitator", "party:UA", "party:RU");
    }

    @Test
    void parties_and_observers_see_who_acted_but_not_the_account_behind_it(@WithTokens QueryService service) {
        for (String reader : List.of("UA", "RU", "observer")) {
            JsonNode timeline = timeline(service, TestTokens.forActor(reader), session.id());

            assertThat(texts(timeline, "actor")).as(reader).containsExactly("facilitator", "UA", "RU");
            timeline.forEach(entry -> {
                assertThat(entry.has("subject")).as("subject shown to %s", reader).isFalse();
                assertThat(entry.has("role")).as("role shown to %s", reader).isFalse();
            });
            assertThat(timeline.toString()).doesNotContain("team-ua", "team-ru");
        }
    }

    @Test
    void events_recorded_without_a_subject_show_none_even_to_the_facilitator(@WithTokens QueryService service) {
        Session older = Session.openUkraine("Before authentication");
        older.propose("UA", "nato_membership", "\"PAUSED\"", null);
        service.publishAndAwait(older.events().stream()
                .map(e -> new PublishedEvent(e.eventId(), e.negotiationId(), e.version(), e.at(), e.actor(),
                        e.correlationId(), e.event()))
                .toList());

        JsonNode timeline = timeline(service, TestTokens.forActor(Session.FACILITATOR), older.id());

        assertThat(texts(timeline, "actor")).containsExactly("facilitator", "UA");
        timeline.forEach(entry -> assertThat(entry.has("subject") || entry.has("role")).isFalse());
    }

    @Test
    void in_development_mode_the_facilitator_named_by_x_actor_sees_them_too(QueryService service) {
        service.publishAndAwait(session.events());

        Reply facilitator = service.http().get("/api/negotiations/" + session.id() + "/timeline",
                "X-Actor", Session.FACILITATOR);
        Reply ukraine = service.http().get("/api/negotiations/" + session.id() + "/timeline", "X-Actor", "UA");

        assertThat(texts(facilitator.json(), "subject")).containsExactly("facilitator", "team-ua", "team-ru");
        assertThat(ukraine.json().get(1).has("subject")).isFalse();
    }

    private static JsonNode timeline(QueryService service, String token, String negotiationId) {
        Reply reply = service.http().getWith(token, "/api/negotiations/" + negotiationId + "/timeline");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.path(field).asText()));
        return texts;
    }
}
