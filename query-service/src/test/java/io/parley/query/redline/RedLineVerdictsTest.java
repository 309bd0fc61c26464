package io.parley.query.redline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.redline.RedLineChecks;
import io.parley.model.redline.RedLineVerdict;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Replay;
import io.parley.query.support.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facilitator follows three red lines of the ukraine-2025 table through a session: Russia's "Ukraine never in
 * NATO", Ukraine's "a formal guarantee, or at least no disarmament" and the United States' "no US troops on the
 * ground". They wait on open terms, come under threat when a proposal that breaks them is on the table, and are
 * decided when the terms they read are agreed. Whatever the service shows is what folding its timeline again gives.
 */
@ExtendWith(QueryServiceExtension.class)
class RedLineVerdictsTest {

    static final String NEVER_NATO = "deal.nato_membership != 'PURSUE'";
    static final String GUARANTEE_OR_NO_DISARMAMENT =
            "deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED";
    static final String NO_US_TROOPS = "!('US_TRIPWIRE' in deal.foreign_troops)";

    @Test
    void verdicts_follow_the_session_from_undetermined_through_at_risk_to_decided(QueryService service) {
        Session session = Session.openUkraine("Red lines, round 1");
        String ru = session.declareRedLine("RU", "Ukraine never in NATO", NEVER_NATO);
        String ua = session.declareRedLine("UA", "A formal guarantee, or at least no disarmament",
                GUARANTEE_OR_NO_DISARMAMENT);
        // The facilitator types in what the US team handed over on paper.
        String us = session.declareRedLine(Session.FACILITATOR, "US", "No US troops on the ground", NO_US_TROOPS);
        service.publishAndAwait(session.events());

        Map<String, JsonNode> lines = facilitatorsRedLines(service, session);
        assertThat(lines.keySet()).containsExactly(ru, ua, us);
        assertVerdict(lines.get(ru), "UNDETERMINED", List.of(), List.of("nato_membership"));
        assertVerdict(lines.get(ua), "UNDETERMINED", List.of(), List.of("security_guarantee", "army_cap"));
        assertVerdict(lines.get(us), "UNDETERMINED", List.of(), List.of("foreign_troops"));
        assertThat(lines.get(us).path("party").asText()).isEqualTo("US");
        assertThat(lines.get(us).path("title").asText()).isEqualTo("No US troops on the ground");
        assertThat(lines.get(us).path("expression").asText()).isEqualTo(NO_US_TROOPS);
        assertServedVerdictsAreTheFoldsVerdicts(service, session);

        String pursue = session.propose("UA", "nato_membership", "\"PURSUE\"", "Article 5 or nothing");
        String tripwire = session.propose("EU", "foreign_troops", "[\"EUROPEAN_REASSURANCE_FORCE\",\"US_TRIPWIRE\"]",
                "a reassurance force needs an American tripwire");
        String noGuarantee = session.propose("RU", "security_guarantee",
                "{\"kind\":\"NONE\",\"compensation_required\":false,\"void_conditions\":\"none\"}", null);
        service.publishAndAwait(session.events());

        lines = facilitatorsRedLines(service, session);
        assertVerdict(lines.get(ru), "UNDETERMINED", List.of(pursue), List.of("nato_membership"));
        assertVerdict(lines.get(us), "UNDETERMINED", List.of(tripwire), List.of("foreign_troops"));
        // No guarantee alone does not break Ukraine's line while the army cap may still be unlimited.
        assertVerdict(lines.get(ua), "UNDETERMINED", List.of(), List.of("security_guarantee", "army_cap"));
        assertServedVerdictsAreTheFoldsVerdicts(service, session);

        String renounce = session.counter("RU", pursue, "\"RENOUNCED\"", "neutrality, as Finland after 1945");
        acceptAll(session, renounce, "UA", "US", "EU");
        acceptAll(session, tripwire, "UA", "RU", "US");
        String multilateral = session.counter("US", noGuarantee,
                "{\"kind\":\"MULTILATERAL\",\"compensation_required\":true,\"void_conditions\":\"renewed attack\"}",
                null);
        acceptAll(session, multilateral, "UA", "RU", "EU");
        service.publishAndAwait(session.events());

        lines = facilitatorsRedLines(service, session);
        assertVerdict(lines.get(ru), "HOLDS", List.of(), List.of());
        assertVerdict(lines.get(us), "VIOLATED", List.of(), List.of());
        // Decided although the army cap is still open: with a guarantee agreed it cannot matter.
        assertVerdict(lines.get(ua), "HOLDS", List.of(), List.of());
        assertThat(deal(service, session, Session.FACILITATOR).path("terms").path("army_cap").path("status").asText())
                .isEqualTo("OPEN");
        assertServedVerdictsAreTheFoldsVerdicts(service, session);

        JsonNode observed = deal(service, session, null);
        assertThat(observed.path("redLines")).isEmpty();
        assertCounts(observed, "UA", 0, "RU", 0, "US", 1, "EU", 0);
    }

    @Test
    void a_retracted_red_line_is_no_longer_checked(QueryService service) {
        Session session = Session.openUkraine("Red lines, retracted");
        String ru = session.declareRedLine("RU", "No US forces in Ukraine", NO_US_TROOPS);
        String us = session.declareRedLine("US", "No US troops on the ground", NO_US_TROOPS);
        String tripwire = session.propose("UA", "foreign_troops", "[\"US_TRIPWIRE\"]", null);
        service.publishAndAwait(session.events());

        Map<String, JsonNode> lines = facilitatorsRedLines(service, session);
        assertVerdict(lines.get(ru), "UNDETERMINED", List.of(tripwire), List.of("foreign_troops"));
        assertVerdict(lines.get(us), "UNDETERMINED", List.of(tripwire), List.of("foreign_troops"));

        session.retractRedLine("RU", ru);
        acceptAll(session, tripwire, "RU", "US", "EU");
        service.publishAndAwait(session.events());

        lines = facilitatorsRedLines(service, session);
        assertThat(lines.keySet()).containsExactly(us);
        assertVerdict(lines.get(us), "VIOLATED", List.of(), List.of());
        assertCounts(deal(service, session, null), "UA", 0, "RU", 0, "US", 1, "EU", 0);
        assertServedVerdictsAreTheFoldsVerdicts(service, session);
    }

    @Test
    void a_deal_without_red_lines_says_so_to_everyone(QueryService service) {
        Session session = Session.openUkraine("No red lines yet");
        session.propose("UA", "nato_membership", "\"PAUSED\"", null);
        service.publishAndAwait(session.events());

        for (String viewer : new String[]{null, "UA", Session.FACILITATOR}) {
            JsonNode deal = deal(service, session, viewer);
            assertThat(deal.path("redLines").isArray()).isTrue();
            assertThat(deal.path("redLines")).isEmpty();
            if ("UA".equals(viewer)) {
                assertThat(deal.has("violatedRedLines")).as("a party gets no counts of others' red lines").isFalse();
            } else {
                assertCounts(deal, "UA", 0, "RU", 0, "US", 0, "EU", 0);
            }
        }
    }

    /** The verdicts served to the facilitator equal the engine's verdicts on the deal folded from the timeline. */
    static void assertServedVerdictsAreTheFoldsVerdicts(QueryService service, Session session) {
        DealState folded = Replay.fold(service.http(), session.id());
        assertThat(folded).isEqualTo(session.state());
        List<RedLineVerdict> expected = RedLineChecks.check(folded);
        JsonNode served = deal(service, session, Session.FACILITATOR).path("redLines");
        assertThat(served).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            RedLineVerdict verdict = expected.get(i);
            JsonNode line = served.get(i);
            assertThat(line.path("id").asText()).isEqualTo(verdict.redLineId());
            assertThat(line.path("party").asText()).isEqualTo(verdict.party());
            assertThat(line.path("title").asText()).isEqualTo(verdict.title());
            assertThat(line.path("expression").asText())
                    .isEqualTo(folded.redLines().get(verdict.redLineId()).expression());
            assertThat(line.path("verdict").asText()).isEqualTo(verdict.verdict().name());
            assertThat(line.path("atRisk").asBoolean()).isEqualTo(verdict.atRisk());
            assertThat(texts(line.path("atRiskBy"))).isEqualTo(verdict.atRiskBy());
            assertThat(texts(line.path("undeterminedBy"))).isEqualTo(verdict.undeterminedBy());
        }
    }

    static void assertVerdict(JsonNode line, String verdict, List<String> atRiskBy, List<String> undeterminedBy) {
        assertThat(line.path("verdict").asText()).as("verdict of %s", line).isEqualTo(verdict);
        assertThat(line.path("atRisk").asBoolean()).as("atRisk of %s", line).isEqualTo(!atRiskBy.isEmpty());
        assertThat(texts(line.path("atRiskBy"))).as("atRiskBy of %s", line)
                .containsExactlyInAnyOrderElementsOf(atRiskBy);
        assertThat(texts(line.path("undeterminedBy"))).as("undeterminedBy of %s", line)
                .containsExactlyInAnyOrderElementsOf(undeterminedBy);
    }

    /** {@code violatedRedLines} names every party in seating order with its count. */
    static void assertCounts(JsonNode deal, Object... partyAndCount) {
        ObjectNode expected = EventJson.mapper().createObjectNode();
        for (int i = 0; i < partyAndCount.length; i += 2) {
            expected.put((String) partyAndCount[i], (Integer) partyAndCount[i + 1]);
        }
        JsonNode counts = deal.path("violatedRedLines");
        assertThat(counts).isEqualTo(expected);
        List<String> order = new ArrayList<>();
        counts.fieldNames().forEachRemaining(order::add);
        List<String> expectedOrder = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedOrder::add);
        assertThat(order).isEqualTo(expectedOrder);
    }

    static void acceptAll(Session session, String proposal, String... parties) {
        for (String party : parties) {
            session.accept(party, proposal);
        }
    }

    static JsonNode deal(QueryService service, Session session, String actor) {
        String path = "/api/negotiations/" + session.id() + "/deal";
        Reply reply = actor == null ? service.http().get(path) : service.http().get(path, "X-Actor", actor);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("version").asLong()).isEqualTo(session.version());
        return reply.json();
    }

    /** The red lines the facilitator sees, by id, in the order served. */
    private static Map<String, JsonNode> facilitatorsRedLines(QueryService service, Session session) {
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        deal(service, session, Session.FACILITATOR).path("redLines").forEach(l -> lines.put(l.path("id").asText(), l));
        return lines;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
