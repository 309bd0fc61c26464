package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testing.AccessMatrix.Endpoint;
import io.parley.testing.AccessMatrix.Who;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.parley.testing.AccessMatrix.Endpoint.ANALYSIS;
import static io.parley.testing.AccessMatrix.Endpoint.COLLAPSE;
import static io.parley.testing.AccessMatrix.Endpoint.DEAL;
import static io.parley.testing.AccessMatrix.Endpoint.DECLARE_RED_LINE;
import static io.parley.testing.AccessMatrix.Endpoint.LIST;
import static io.parley.testing.AccessMatrix.Endpoint.MOVE;
import static io.parley.testing.AccessMatrix.Endpoint.OPEN;
import static io.parley.testing.AccessMatrix.Endpoint.RETRACT_RED_LINE;
import static io.parley.testing.AccessMatrix.Endpoint.SIGN;
import static io.parley.testing.AccessMatrix.Endpoint.TIMELINE;
import static io.parley.testing.AccessMatrix.expected;
import static io.parley.testing.AccessMatrix.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of both services against every kind of caller, with the status each must get, as the table in
 * {@link io.parley.testing.AccessMatrix} says (the services' own tests read the same table). A party's row is
 * always about UA's business (a body naming {@code party: UA}, UA's red lines): "own party" is UA, "other party" RU,
 * and CN a party not at the table. Expired, malformed, wrongly signed tokens, tokens for another audience or from
 * another issuer, and ID tokens are those of a caller who would otherwise be let in; so is a token without a role
 * Parley knows.
 *
 * <p>No refusal appends anything: the query side's version and timeline stay where they were, and the allowed calls
 * that follow land at the very next versions, one after the other.
 */
@ExtendWith(RunningStack.class)
class SecurityMatrixTest {

    private Api api;
    private Table table;

    @BeforeEach
    void givenAUkraineTable() {
        api = new Api(RunningStack.get());
        table = Table.openUkraine(api);
    }

    @Test
    void openingANegotiationIsTheFacilitatorsAndARefusedOpeningOpensNothing() {
        String run = UUID.randomUUID().toString();
        Map<Who, Api.Reply> refused = refusals(OPEN, who -> api.post("/api/negotiations")
                .headers(headers(OPEN, who)).json(customTable("refused " + who + " " + run)).send());

        List<Api.Reply> allowed = allowedCalls(OPEN, who -> api.post("/api/negotiations")
                .headers(headers(OPEN, who)).json(customTable("allowed " + who + " " + run)).send());

        assertThat(refused.values()).allSatisfy(r -> assertThat(r.header("Location")).isNull());
        String opened = allowed.get(0).json().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> titlesListed().contains("allowed FACILITATOR " + run));
        assertThat(titlesListed()).filteredOn(t -> t.endsWith(run)).containsExactly("allowed FACILITATOR " + run);
        assertThat(Table.existing(api, opened).timeline("facilitator")).hasSize(1);
    }

    @Test
    void movesArePlayedByTheirOwnPartyOnly() {
        long version = 1;
        refusals(MOVE, who -> move(who).send());
        assertQuerySideStillAt(version);

        List<Api.Reply> allowed = allowedCalls(MOVE, who -> move(who).send());

        assertLandedOneAfterAnother(allowed, version, "MoveProposed");
    }

    @Test
    void aPartySignsForItselfOnly() {
        long version = 1;
        refusals(SIGN, who -> sign(who).send());
        assertQuerySideStillAt(version);

        List<Api.Reply> allowed = allowedCalls(SIGN, who -> sign(who).send());

        assertLandedOneAfterAnother(allowed, version, "DealSigned");
    }

    @Test
    void onlyTheFacilitatorRecordsACollapse() {
        long version = 1;
        refusals(COLLAPSE, who -> collapse(who).send());
        assertQuerySideStillAt(version);

        List<Api.Reply> allowed = allowedCalls(COLLAPSE, who -> collapse(who).send());

        assertLandedOneAfterAnother(allowed, version, "NegotiationCollapsed");
    }

    @Test
    void aRedLineIsDeclaredByItsPartyOrTheFacilitator() {
        long version = 1;
        refusals(DECLARE_RED_LINE, who -> declare(who, "refused").send());
        assertQuerySideStillAt(version);

        List<Api.Reply> allowed = allowedCalls(DECLARE_RED_LINE, who -> declare(who, "allowed").send());

        assertLandedOneAfterAnother(allowed, version, "RedLineDeclared", "RedLineDeclared");
    }

    @Test
    void aRedLineIsRetractedByItsPartyOrTheFacilitator() {
        String first = declare(Who.OWN_PARTY, "first").send().json().get("redLineId").asText();
        String second = declare(Who.OWN_PARTY, "second").send().json().get("redLineId").asText();
        long version = 3;
        table.dealAt(version);
        // Refused callers all aim at the first; the facilitator then retracts it, and UA the second.
        Function<Who, Api.Reply> retract = who -> api.delete(table.path("/red-lines/" + (who == Who.OWN_PARTY ? second : first)))
                .headers(headers(RETRACT_RED_LINE, who)).send();
        refusals(RETRACT_RED_LINE, retract);
        assertQuerySideStillAt(version);

        List<Api.Reply> allowed = allowedCalls(RETRACT_RED_LINE, retract);

        assertLandedOneAfterAnother(allowed, version, "RedLineRetracted", "RedLineRetracted");
    }

    @Test
    void everyoneWithAValidTokenListsTheNegotiations() {
        Map<Who, Api.Reply> replies = everyColumn(LIST,
                who -> api.read("/api/negotiations").headers(headers(LIST, who)).send());

        assertThat(replies.get(Who.OBSERVER).json().isArray()).isTrue();
    }

    @Test
    void everyoneWithAValidTokenReadsTheDeal() {
        table.dealAt(1);

        Map<Who, Api.Reply> replies = everyColumn(DEAL,
                who -> api.read(table.path("/deal")).headers(headers(DEAL, who)).send());

        assertThat(replies.get(Who.OTHER_PARTY).json().get("id").asText()).isEqualTo(table.id);
    }

    @Test
    void everyoneWithAValidTokenReadsTheTimeline() {
        table.dealAt(1);

        Map<Who, Api.Reply> replies = everyColumn(TIMELINE,
                who -> api.read(table.path("/timeline")).headers(headers(TIMELINE, who)).send());

        assertThat(replies.get(Who.OBSERVER).json()).hasSize(1);
    }

    @Test
    void theAnalysisIsTheFacilitatorsAlone() {
        table.dealAt(1);

        Map<Who, Api.Reply> replies = everyColumn(ANALYSIS,
                who -> api.read(table.path("/analysis")).headers(headers(ANALYSIS, who)).send());

        assertThat(replies.get(Who.FACILITATOR).json().has("feasible")).isTrue();
    }

    // ------------------------------------------------------------------ requests

    private Api.Request move(Who who) {
        return api.post(table.path("/moves")).headers(headers(MOVE, who))
                .json(Map.of("party", "UA", "kind", "PROPOSE", "term", "nato_membership", "value", "PAUSED"));
    }

    private Api.Request sign(Who who) {
        return api.post(table.path("/signatures")).headers(headers(SIGN, who)).json(Map.of("party", "UA"));
    }

    private Api.Request collapse(Who who) {
        return api.post(table.path("/collapse")).headers(headers(COLLAPSE, who)).json(Map.of("reason", "walked out"));
    }

    private Api.Request declare(Who who, String title) {
        return api.post(table.path("/red-lines")).headers(headers(DECLARE_RED_LINE, who))
                .json(Map.of("party", "UA", "title", title + " by " + who, "expression", "deal.nato_membership != 'PURSUE'"));
    }

    private static Map<String, Object> customTable(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("parties", List.of(Map.of("id", "UA", "name", "Ukraine"), Map.of("id", "RU", "name", "Russia")));
        body.put("terms", List.of(Map.of("id", "monitors", "type", "ENUM", "values", List.of("OSCE", "UN"))));
        return body;
    }

    // ------------------------------------------------------------------ the matrix

    /** Sends the row's refused calls (every column expecting 4xx) and checks each status and problem. */
    private static Map<Who, Api.Reply> refusals(Endpoint row, Function<Who, Api.Reply> call) {
        return check(row, call, false);
    }

    /** Sends the row's allowed calls, in column order, and returns their replies in that order. */
    private static List<Api.Reply> allowedCalls(Endpoint row, Function<Who, Api.Reply> call) {
        return new ArrayList<>(check(row, call, true).values());
    }

    /** Reads: every column, refused and allowed alike. */
    private static Map<Who, Api.Reply> everyColumn(Endpoint row, Function<Who, Api.Reply> call) {
        Map<Who, Api.Reply> replies = new EnumMap<>(Who.class);
        replies.putAll(check(row, call, false));
        replies.putAll(check(row, call, true));
        return replies;
    }

    private static Map<Who, Api.Reply> check(Endpoint row, Function<Who, Api.Reply> call, boolean allowed) {
        Map<Who, Api.Reply> replies = new EnumMap<>(Who.class);
        SoftAssertions softly = new SoftAssertions();
        for (Who who : Who.values()) {
            int expected = expected(row, who);
            if ((expected < 300) != allowed) {
                continue;
            }
            Api.Reply r = call.apply(who);
            replies.put(who, r);
            softly.assertThat(r.status()).as(who + ": " + r).isEqualTo(expected);
            if (expected == 401 || expected == 403) {
                String code = expected == 401 ? "unauthorized" : "forbidden";
                softly.assertThat(r.header("Content-Type")).as(who + " content type").startsWith("application/problem+json");
                softly.assertThat(r.body()).as(who + " problem").contains("\"urn:parley:problem:" + code + "\"");
            }
            if (expected == 401) {
                softly.assertThat(r.header("WWW-Authenticate")).as(who + " WWW-Authenticate").startsWith("Bearer");
            }
        }
        softly.assertAll();
        return replies;
    }

    // ------------------------------------------------------------------ nothing appended

    /** The query side has seen every event up to {@code version}, and none after it. */
    private void assertQuerySideStillAt(long version) {
        assertThat(table.dealAt(version).get("version").asLong()).isEqualTo(version);
        assertThat(table.timeline("facilitator")).hasSize((int) version);
    }

    /**
     * The allowed calls, made after the refusals, landed at {@code version + 1}, {@code + 2}, ... on the command side,
     * and the query side's timeline holds exactly those events after the first {@code version}.
     */
    private void assertLandedOneAfterAnother(List<Api.Reply> allowed, long version, String... types) {
        assertThat(allowed).extracting(r -> r.header("ETag"))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(version + 1, version + allowed.size())
                        .mapToObj(v -> "\"" + v + "\"").toList());
        long last = version + types.length;
        table.dealAt(last);
        JsonNode timeline = table.timeline("facilitator");
        assertThat(timeline).hasSize((int) last);
        assertThat(timeline).extracting(e -> e.get("version").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
        List<String> tail = new ArrayList<>();
        timeline.forEach(e -> {
            if (e.get("version").asLong() > version) {
                tail.add(e.get("type").asText());
            }
        });
        assertThat(tail).containsExactly(types);
    }

    private List<String> titlesListed() {
        Api.Reply r = api.read("/api/negotiations?limit=1000").as("facilitator").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        r.json().forEach(s -> titles.add(s.get("title").asText()));
        return titles;
    }
}
