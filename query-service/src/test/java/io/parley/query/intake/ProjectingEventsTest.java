package io.parley.query.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.deal.DealState;
import io.parley.model.deal.Proposal;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.scenario.Scenarios;
import io.parley.model.term.TermDefinition;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A facilitator follows the ukraine-2025 table on the query side while the parties move: Ukraine proposes to pause
 * its NATO bid and everyone accepts, the EU bid is proposed and countered, a guarantee is on the table.
 */
@ExtendWith(QueryServiceExtension.class)
class ProjectingEventsTest {

    private static Session session;
    private static String natoProposal;
    private static String euProposal;
    private static String euCounter;
    private static String guarantee;

    @BeforeAll
    static void thePartiesMove(QueryService service) {
        session = Session.openUkraine("Armed neutrality, round 1");
        natoProposal = session.propose("UA", "nato_membership", "\"PAUSED\"", "pause, not renounce");
        session.accept("RU", natoProposal);
        session.accept("US", natoProposal);
        session.accept("EU", natoProposal);
        euProposal = session.propose("UA", "eu_membership", "\"PURSUE\"", null);
        euCounter = session.counter("RU", euProposal, "\"RENOUNCED\"", "the EU bid goes with the NATO bid");
        guarantee = session.propose("US", "security_guarantee",
                "{\"kind\":\"EUROPEAN_COALITION\",\"compensation_required\":false,\"void_conditions\":\"none\"}",
                null);
        session.accept("UA", guarantee);
        session.accept("EU", guarantee);
        String aid = session.propose("RU", "aid_excluded", "[\"INTERMEDIATE_RANGE_MISSILES\",\"FIGHTER_AIRCRAFT\"]",
                null);
        session.reject("UA", aid, "fighter aircraft are air defence");
        service.publish(session.events());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                service.http().get(dealPath()).json().path("version").asLong()).isEqualTo(session.version()));
    }

    @Test
    void the_agreed_term_shows_its_value_and_the_proposal_that_settled_it(QueryService service) {
        Reply reply = service.http().get(dealPath(), "X-Actor", "facilitator");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ETag")).contains("\"" + session.version() + "-facilitator\"");
        assertThat(reply.header("Vary")).hasValueSatisfying(vary -> assertThat(vary).contains("X-Actor"));
        JsonNode deal = reply.json();
        assertThat(deal.path("id").asText()).isEqualTo(session.id());
        assertThat(deal.path("title").asText()).isEqualTo("Armed neutrality, round 1");
        assertThat(deal.path("scenario").asText()).isEqualTo(Session.UKRAINE);
        assertThat(deal.path("status").asText()).isEqualTo("OPEN");
        assertThat(deal.path("parties").findValuesAsText("id")).containsExactly("UA", "RU", "US", "EU");
        JsonNode nato = deal.path("terms").path("nato_membership");
        assertThat(nato.path("status").asText()).isEqualTo("AGREED");
        assertThat(nato.path("value").asText()).isEqualTo("PAUSED");
        assertThat(nato.path("agreedMoveId").asText()).isEqualTo(natoProposal);
        assertThat(texts(nato.path("consent"))).containsExactly("UA", "RU", "US", "EU");
        assertThat(nato.path("pending")).isEmpty();
        assertThat(deal.path("signatures")).isEmpty();
        assertThat(deal.path("redLines").isArray()).isTrue();
        assertThat(deal.path("redLines")).isEmpty();
        assertThat(deal.has("collapseReason")).isFalse();
    }

    @Test
    void a_dashboard_that_has_the_current_version_is_told_nothing_changed(QueryService service) {
        String version = "\"" + session.version() + "\"";

        Reply unchanged = service.http().get(dealPath(), "If-None-Match", version);
        Reply older = service.http().get(dealPath(), "If-None-Match", "\"" + (session.version() - 1) + "\"");

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.header("ETag")).contains(version);
    }

    @Test
    void terms_come_in_catalogue_order_and_untouched_ones_are_open(QueryService service) {
        JsonNode terms = service.http().get(dealPath()).json().path("terms");

        List<String> catalogue = Scenarios.find(Session.UKRAINE).orElseThrow().terms().stream()
                .map(TermDefinition::id).toList();
        List<String> names = new ArrayList<>();
        terms.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(catalogue);
        JsonNode army = terms.path("army_cap");
        assertThat(army.path("status").asText()).isEqualTo("OPEN");
        assertThat(army.has("value")).isFalse();
        assertThat(army.has("agreedMoveId")).isFalse();
        assertThat(army.path("pending")).isEmpty();
    }

    @Test
    void a_countered_proposal_leaves_the_counter_pending_and_says_what_it_answers(QueryService service) {
        JsonNode eu = service.http().get(dealPath()).json().path("terms").path("eu_membership");

        assertThat(eu.path("status").asText()).isEqualTo("PROPOSED");
        assertThat(eu.path("pending")).hasSize(1);
        JsonNode counter = eu.path("pending").get(0);
        assertThat(counter.path("moveId").asText()).isEqualTo(euCounter);
        assertThat(counter.path("party").asText()).isEqualTo("RU");
        assertThat(counter.path("value").asText()).isEqualTo("RENOUNCED");
        assertThat(counter.path("counters").asText()).isEqualTo(euProposal);
        assertThat(counter.path("rationale").asText()).isEqualTo("the EU bid goes with the NATO bid");
    }

    @Test
    void a_proposal_on_the_table_shows_who_accepted_it_so_far(QueryService service) {
        JsonNode term = service.http().get(dealPath()).json().path("terms").path("security_guarantee");

        assertThat(term.path("status").asText()).isEqualTo("PROPOSED");
        JsonNode pending = term.path("pending").get(0);
        assertThat(pending.path("moveId").asText()).isEqualTo(guarantee);
        assertThat(pending.path("party").asText()).isEqualTo("US");
        assertThat(pending.path("value")).isEqualTo(EventJson.mapper().createObjectNode()
                .put("compensation_required", false).put("kind", "EUROPEAN_COALITION").put("void_conditions", "none"));
        assertThat(texts(pending.path("acceptedBy"))).containsExactly("EU", "UA");
        assertThat(pending.path("rejectedBy")).isEmpty();
        assertThat(pending.has("rationale")).isFalse();
        assertThat(pending.has("counters")).isFalse();
    }

    @Test
    void a_rejected_proposal_is_off_the_table(QueryService service) {
        JsonNode term = service.http().get(dealPath()).json().path("terms").path("aid_excluded");

        assertThat(term.path("status").asText()).isEqualTo("OPEN");
        assertThat(term.path("pending")).isEmpty();
    }

    /** Less the closed proposals: they are history, which the timeline keeps, and would make the row grow for good. */
    @Test
    void the_projected_deal_is_the_fold_of_the_same_events_without_closed_proposals(QueryService service) {
        String stored = service.jdbc().queryForObject(
                "SELECT state FROM deal_projection WHERE negotiation_id = ?", String.class, session.id());

        DealState projected = read(stored);
        DealState folded = DealState.of(session.events().stream().map(PublishedEvent::event).toList());
        assertThat(folded.proposals().values()).anyMatch(p -> !p.isPending());
        assertThat(projected).isEqualTo(folded.withoutClosedProposals());
        assertThat(projected.proposals().values()).isNotEmpty().allMatch(Proposal::isPending);
        assertThat(projected.version()).isEqualTo(session.events().size());
    }

    @Test
    void the_timeline_lists_every_event_in_order_with_who_did_it(QueryService service) {
        Reply reply = service.http().get("/api/negotiations/" + session.id() + "/timeline");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Link")).isEmpty();
        JsonNode timeline = reply.json();
        List<PublishedEvent> events = session.events();
        assertThat(timeline).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            PublishedEvent expected = events.get(i);
            JsonNode entry = timeline.get(i);
            assertThat(entry.path("version").asLong()).isEqualTo(expected.version());
            assertThat(entry.path("type").asText()).isEqualTo(expected.type());
            assertThat(entry.path("actor").asText()).isEqualTo(expected.actor());
            assertThat(entry.path("at").asText()).isEqualTo(expected.at().truncatedTo(ChronoUnit.MICROS).toString());
            assertThat(entry.path("data")).isEqualTo(asJson(expected.event()));
        }
        assertThat(texts(timeline, "type")).containsExactly("NegotiationOpened", "MoveProposed", "MoveAccepted",
                "MoveAccepted", "MoveAccepted", "TermAgreed", "MoveProposed", "MoveCountered", "MoveProposed",
                "MoveAccepted", "MoveAccepted", "MoveProposed", "MoveRejected");
        assertThat(timeline.get(5).path("data").path("value").asText()).isEqualTo("PAUSED");
    }

    @Test
    void the_negotiation_is_listed_with_its_parties_and_version(QueryService service) {
        JsonNode list = service.http().get("/api/negotiations?status=OPEN&limit=1000").json();

        JsonNode summary = find(list, session.id());
        assertThat(summary.path("title").asText()).isEqualTo("Armed neutrality, round 1");
        assertThat(summary.path("scenario").asText()).isEqualTo(Session.UKRAINE);
        assertThat(summary.path("status").asText()).isEqualTo("OPEN");
        assertThat(summary.path("version").asLong()).isEqualTo(session.version());
        assertThat(texts(summary.path("parties"), "name")).containsExactly("Ukraine", "Russia", "United States",
                "European NATO members and guarantors");
        assertThat(summary.path("updatedAt").asText()).isEqualTo(
                session.events().get(session.events().size() - 1).at().truncatedTo(ChronoUnit.MICROS).toString());
    }

    private static String dealPath() {
        return "/api/negotiations/" + session.id() + "/deal";
    }

    static JsonNode find(JsonNode list, String id) {
        for (JsonNode item : list) {
            if (id.equals(item.path("id").asText())) {
                return item;
            }
        }
        throw new AssertionError("negotiation " + id + " is not in the list");
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.path(field).asText()));
        return texts;
    }

    /** The event as its JSON text reads back (numbers as parsed, not as the Java types they came from). */
    private static JsonNode asJson(Object event) {
        try {
            return EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(event));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static DealState read(String json) {
        try {
            return EventJson.mapper().readValue(json, DealState.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
