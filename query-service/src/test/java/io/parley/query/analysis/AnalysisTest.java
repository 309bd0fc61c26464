package io.parley.query.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before the next round the facilitator asks what the red lines leave room for. Russia will never see Ukraine in
 * NATO, Ukraine's maximal line is NATO membership, and the United States will not put troops on the ground; three
 * proposals are on the table. Nobody else may ask: the answer is built from every party's red lines.
 */
@ExtendWith(QueryServiceExtension.class)
class AnalysisTest {

    private static Session session;
    private static String neverNato;
    private static String natoMembership;
    private static String noUsTroops;
    private static String guarantee;
    private static String pursue;
    private static String renounce;
    private static String tripwire;

    @BeforeAll
    static void thePartiesHaveDeclaredAndProposed(QueryService service) {
        session = Session.openUkraine("What is left to agree");
        neverNato = session.declareRedLine("RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'");
        natoMembership = session.declareRedLine("UA", "NATO membership", "deal.nato_membership == 'PURSUE'");
        noUsTroops = session.declareRedLine("US", "No US troops on the ground",
                "!('US_TRIPWIRE' in deal.foreign_troops)");
        guarantee = session.declareRedLine("UA", "A formal guarantee, or at least no disarmament",
                "deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED");
        pursue = session.propose("UA", "nato_membership", "\"PURSUE\"", null);
        renounce = session.propose("RU", "nato_membership", "\"RENOUNCED\"", null);
        tripwire = session.propose("EU", "foreign_troops", "[\"US_TRIPWIRE\"]", null);
        service.publishAndAwait(session.events());
    }

    @Test
    void the_facilitator_learns_which_proposals_break_which_red_lines_and_which_red_lines_clash(
            QueryService service) {
        Reply reply = service.http().get(analysisPath(""), "X-Actor", Session.FACILITATOR);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Vary")).hasValueSatisfying(vary -> assertThat(vary).contains("X-Actor"));
        JsonNode analysis = reply.json();
        assertThat(analysis.path("negotiationId").asText()).isEqualTo(session.id());
        assertThat(analysis.path("version").asLong()).isEqualTo(session.version());
        assertThat(analysis.has("party")).isFalse();
        assertThat(ids(analysis.path("proposals"), "proposalId")).containsExactly(pursue, renounce, tripwire);
        assertThat(wouldViolate(analysis, pursue)).containsExactly(neverNato);
        assertThat(wouldViolate(analysis, renounce)).containsExactly(natoMembership);
        assertThat(wouldViolate(analysis, tripwire)).containsExactly(noUsTroops);
        JsonNode first = analysis.path("proposals").get(0);
        assertThat(first.path("term").asText()).isEqualTo("nato_membership");
        assertThat(first.path("party").asText()).isEqualTo("UA");
        assertThat(first.path("value").asText()).isEqualTo("PURSUE");

        assertThat(analysis.path("feasible").asBoolean()).isFalse();
        assertThat(analysis.path("searchComplete").asBoolean()).isTrue();
        assertThat(analysis.path("package").isNull()).isTrue();
        assertThat(ids(analysis.path("conflict"), "redLineId")).containsExactly(neverNato, natoMembership);
        assertThat(ids(analysis.path("conflict"), "party")).containsExactly("RU", "UA");
        assertThat(ids(analysis.path("conflict"), "title")).containsExactly("Ukraine never in NATO",
                "NATO membership");
        assertThat(analysis.toString()).doesNotContain("deal.nato_membership");
    }

    @Test
    void asked_for_one_party_the_analysis_shows_a_package_that_party_can_live_with(QueryService service) {
        JsonNode ukraine = facilitatorAsks(service, "?party=UA");
        JsonNode russia = facilitatorAsks(service, "?party=RU");

        assertThat(ukraine.path("party").asText()).isEqualTo("UA");
        assertThat(ukraine.path("feasible").asBoolean()).isTrue();
        assertThat(ukraine.path("conflict").isNull()).isTrue();
        JsonNode ukrainesPackage = ukraine.path("package");
        assertThat(ukrainesPackage.path("nato_membership").asText()).isEqualTo("PURSUE");
        assertThat(ukrainesPackage.path("security_guarantee").path("kind").asText().equals("NONE")
                && !ukrainesPackage.path("army_cap").asText().equals("UNLIMITED")).isFalse();
        assertThat(ukraine.path("packages").asLong()).isPositive();
        assertThat(wouldViolate(ukraine, pursue)).isEmpty();
        assertThat(wouldViolate(ukraine, renounce)).containsExactly(natoMembership);
        assertThat(wouldViolate(ukraine, tripwire)).isEmpty();

        assertThat(russia.path("party").asText()).isEqualTo("RU");
        assertThat(russia.path("feasible").asBoolean()).isTrue();
        assertThat(russia.path("package").path("nato_membership").asText()).isNotEqualTo("PURSUE");
        assertThat(wouldViolate(russia, pursue)).containsExactly(neverNato);
    }

    @Test
    void once_a_clashing_red_line_is_retracted_the_next_version_has_a_deal_for_everyone(QueryService service) {
        Session table = Session.openUkraine("Room for a deal");
        table.declareRedLine("RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'");
        String maximal = table.declareRedLine("UA", "NATO membership", "deal.nato_membership == 'PURSUE'");
        table.declareRedLine("US", "No US troops on the ground", "!('US_TRIPWIRE' in deal.foreign_troops)");
        service.publishAndAwait(table.events());
        String path = "/api/negotiations/" + table.id() + "/analysis";
        JsonNode before = service.http().get(path, "X-Actor", Session.FACILITATOR).json();

        table.retractRedLine("UA", maximal);
        service.publishAndAwait(table.events());
        JsonNode after = service.http().get(path, "X-Actor", Session.FACILITATOR).json();

        assertThat(before.path("feasible").asBoolean()).isFalse();
        assertThat(after.path("version").asLong()).isEqualTo(table.version());
        assertThat(after.path("feasible").asBoolean()).isTrue();
        assertThat(after.path("conflict").isNull()).isTrue();
        JsonNode agreeable = after.path("package");
        assertThat(agreeable.path("nato_membership").asText()).isNotEqualTo("PURSUE");
        assertThat(texts(agreeable.path("foreign_troops"))).doesNotContain("US_TRIPWIRE");
        assertThat(after.path("proposals")).isEmpty();
    }

    @ParameterizedTest(name = "X-Actor: {0}")
    @ValueSource(strings = {"UA", "RU", "press", "Facilitator", ""})
    void anyone_but_the_facilitator_is_refused(String actor, QueryService service) {
        Reply reply = actor.isEmpty() ? service.http().get(analysisPath(""))
                : service.http().get(analysisPath(""), "X-Actor", actor);

        JsonNode problem = problem(reply, 403, "forbidden");
        assertThat(problem.path("detail").asText()).contains("facilitator");
        assertThat(problem.path("instance").asText()).isEqualTo(analysisPath(""));
    }

    @Test
    void an_observer_cannot_learn_whether_a_negotiation_exists_from_the_analysis(QueryService service) {
        Reply reply = service.http().get("/api/negotiations/never-opened-" + UUID.randomUUID() + "/analysis");

        problem(reply, 403, "forbidden");
    }

    @Test
    void the_analysis_of_an_unknown_negotiation_is_not_found(QueryService service) {
        String id = "never-opened-" + UUID.randomUUID();

        Reply reply = service.http().get("/api/negotiations/" + id + "/analysis", "X-Actor", Session.FACILITATOR);

        assertThat(problem(reply, 404, "not-found").path("detail").asText()).contains(id);
    }

    @ParameterizedTest(name = "party={0}")
    @ValueSource(strings = {"XX", "ua", "facilitator", ""})
    void a_party_that_is_not_at_the_table_is_invalid_input_naming_party(String party, QueryService service) {
        Reply reply = service.http().get(analysisPath("?party=" + party), "X-Actor", Session.FACILITATOR);

        JsonNode problem = problem(reply, 400, "invalid-input");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("party");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("UA", "RU", "US", "EU");
    }

    private static JsonNode facilitatorAsks(QueryService service, String query) {
        Reply reply = service.http().get(analysisPath(query), "X-Actor", Session.FACILITATOR);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("version").asLong()).isEqualTo(session.version());
        return reply.json();
    }

    private static List<String> wouldViolate(JsonNode analysis, String proposalId) {
        for (JsonNode proposal : analysis.path("proposals")) {
            if (proposal.path("proposalId").asText().equals(proposalId)) {
                return texts(proposal.path("wouldViolate"));
            }
        }
        throw new AssertionError("proposal " + proposalId + " is not in " + analysis.path("proposals"));
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.path(field).asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static JsonNode problem(Reply reply, int status, String code) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asText()).isEqualTo("urn:parley:problem:" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    private static String analysisPath(String query) {
        return "/api/negotiations/" + session.id() + "/analysis" + query;
    }
}
