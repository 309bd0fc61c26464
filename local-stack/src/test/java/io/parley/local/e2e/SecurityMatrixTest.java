package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testing.TestTokens;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of both services against every kind of caller, with the status each must get. A party's row is
 * always about UA's business (a body naming {@code party: UA}, UA's red lines): "own party" is UA, "other party" RU.
 * Expired, malformed, wrongly signed tokens, tokens for another audience or from another issuer, and ID tokens are
 * those of a caller who would otherwise be let in; so is a token without a role Parley knows.
 *
 * <p>No refusal appends anything: the query side's version and timeline stay where they were, and the allowed calls
 * that follow land at the very next versions, one after the other.
 */
@ExtendWith(RunningStack.class)
class SecurityMatrixTest {

    /** The columns of the matrix. */
    enum Who {
        NO_TOKEN, MALFORMED, EXPIRED, WRONG_SIGNATURE, WRONG_AUDIENCE, WRONG_ISSUER, NO_ROLE, ID_TOKEN,
        FACILITATOR, OWN_PARTY, OTHER_PARTY, OBSERVER
    }

    // A token for another API, from another issuer, or an ID token (aud: a client's id, no roles) is not
    // Parley's: 401. A valid token of Parley's whose roles hold nothing Parley knows is refused: 403, never an observer.
    //                                            none  malf. expired forged aud  iss  norole idtok facil. own  other observer
    private static final int[] OPEN           = {401, 401, 401, 401, 401, 401, 403, 401, 201, 403, 403, 403};
    private static final int[] MOVE           = {401, 401, 401, 401, 401, 401, 403, 401, 403, 201, 403, 403};
    private static final int[] SIGN           = {401, 401, 401, 401, 401, 401, 403, 401, 403, 201, 403, 403};
    private static final int[] COLLAPSE       = {401, 401, 401, 401, 401, 401, 403, 401, 200, 403, 403, 403};
    private static final int[] DECLARE        = {401, 401, 401, 401, 401, 401, 403, 401, 201, 201, 403, 403};
    private static final int[] RETRACT        = {401, 401, 401, 401, 401, 401, 403, 401, 204, 204, 403, 403};
    private static final int[] LIST           = {401, 401, 401, 401, 401, 401, 403, 401, 200, 200, 200, 200};
    private static final int[] DEAL           = {401, 401, 401, 401, 401, 401, 403, 401, 200, 200, 200, 200};
    private static final int[] TIMELINE       = {401, 401, 401, 401, 401, 401, 403, 401, 200, 200, 200, 200};
    private static final int[] ANALYSIS       = {401, 401, 401, 401, 401, 401, 403, 401, 200, 403, 403, 403};

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
                .headers(token(who, OPEN)).json(customTable("refused " + who + " " + run)).send());

        List<Api.Reply> allowed = allowedCalls(OPEN, who -> api.post("/api/negotiations")
                .headers(token(who, OPEN)).json(customTable("allowed " + who + " " + run)).send());

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
        refusals(DECLARE, who -> declare(who, "refused").send());
        assertQuerySideStillAt(version);

        List<Api.Reply> allowed = allowedCalls(DECLARE, who -> declare(who, "allowed").send());

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
                .headers(token(who, RETRACT)).send();
        refusals(RETRACT, retract);
        assertQuerySideStillAt(version);

        List<Api.Reply> allowed = allowedCalls(RETRACT, retract);

        assertLandedOneAfterAnother(allowed, version, "RedLineRetracted", "RedLineRetracted");
    }

    @Test
    void everyoneWithAValidTokenListsTheNegotiations() {
        Map<Who, Api.Reply> replies = everyColumn(LIST, who -> api.read("/api/negotiations").headers(token(who, LIST)).send());

        assertThat(replies.get(Who.OBSERVER).json().isArray()).isTrue();
    }

    @Test
    void everyoneWithAValidTokenReadsTheDeal() {
        table.dealAt(1);

        Map<Who, Api.Reply> replies = everyColumn(DEAL, who -> api.read(table.path("/deal")).headers(token(who, DEAL)).send());

        assertThat(replies.get(Who.OTHER_PARTY).json().get("id").asText()).isEqualTo(table.id);
    }

    @Test
    void everyoneWithAValidTokenReadsTheTimeline() {
        table.dealAt(1);

        Map<Who, Api.Reply> replies = everyColumn(TIMELINE,
                who -> api.read(table.path("/timeline")).headers(token(who, TIMELINE)).send());

        assertThat(replies.get(Who.OBSERVER).json()).hasSize(1);
    }

    @Test
    void theAnalysisIsTheFacilitatorsAlone() {
        table.dealAt(1);

        Map<Who, Api.Reply> replies = everyColumn(ANALYSIS,
                who -> api.read(table.path("/analysis")).headers(token(who, ANALYSIS)).send());

        assertThat(replies.get(Who.FACILITATOR).json().has("feasible")).isTrue();
    }

    // ------------------------------------------------------------------ requests

    private Api.Request move(Who who) {
        return api.post(table.path("/moves")).headers(token(who, MOVE))
                .json(Map.of("party", "UA", "kind", "PROPOSE", "term", "nato_membership", "value", "PAUSED"));
    }

    private Api.Request sign(Who who) {
        return api.post(table.path("/signatures")).headers(token(who, SIGN)).json(Map.of("party", "UA"));
    }

    private Api.Request collapse(Who who) {
        return api.post(table.path("/collapse")).headers(token(who, COLLAPSE)).json(Map.of("reason", "walked out"));
    }

    private Api.Request declare(Who who, String title) {
        return api.post(table.path("/red-lines")).headers(token(who, DECLARE))
                .json(Map.of("party", "UA", "title", title + " by " + who, "expression", "deal.nato_membership != 'PURSUE'"));
    }

    private static Map<String, Object> customTable(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("parties", List.of(Map.of("id", "UA", "name", "Ukraine"), Map.of("id", "RU", "name", "Russia")));
        body.put("terms", List.of(Map.of("id", "monitors", "type", "ENUM", "values", List.of("OSCE", "UN"))));
        return body;
    }

    /**
     * The Authorization header of a column. Expired, malformed and wrongly signed tokens belong to the row's first
     * allowed caller: UA where a party may act, else the facilitator.
     */
    private static Map<String, String> token(Who who, int[] row) {
        boolean partyMay = row[Who.OWN_PARTY.ordinal()] < 300;
        String subject = partyMay ? "team-ua" : "facilitator";
        String role = partyMay ? "party:UA" : "facilitator";
        String token = switch (who) {
            case NO_TOKEN -> null;
            case MALFORMED -> "not-a-token";
            case EXPIRED -> TestTokens.expired(subject, role);
            case WRONG_SIGNATURE -> TestTokens.wrongSignature(subject, role);
            case WRONG_AUDIENCE -> TestTokens.wrongAudience(subject, role);
            case WRONG_ISSUER -> TestTokens.wrongIssuer(subject, role);
            case NO_ROLE -> TestTokens.withoutRole(subject);
            case ID_TOKEN -> TestTokens.idToken(subject);
            case FACILITATOR -> TestTokens.forActor("facilitator");
            case OWN_PARTY -> TestTokens.forActor("UA");
            case OTHER_PARTY -> TestTokens.forActor("RU");
            case OBSERVER -> TestTokens.forActor("observer");
        };
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    // ------------------------------------------------------------------ the matrix

    /** Sends the row's refused calls (every column expecting 4xx) and checks each status and problem. */
    private static Map<Who, Api.Reply> refusals(int[] row, Function<Who, Api.Reply> call) {
        return check(row, call, false);
    }

    /** Sends the row's allowed calls, in column order, and returns their replies in that order. */
    private static List<Api.Reply> allowedCalls(int[] row, Function<Who, Api.Reply> call) {
        return new ArrayList<>(check(row, call, true).values());
    }

    /** Reads: every column, refused and allowed alike. */
    private static Map<Who, Api.Reply> everyColumn(int[] row, Function<Who, Api.Reply> call) {
        Map<Who, Api.Reply> replies = new EnumMap<>(Who.class);
        replies.putAll(check(row, call, false));
        replies.putAll(check(row, call, true));
        return replies;
    }

    private static Map<Who, Api.Reply> check(int[] row, Function<Who, Api.Reply> call, boolean allowed) {
        Map<Who, Api.Reply> replies = new EnumMap<>(Who.class);
        SoftAssertions softly = new SoftAssertions();
        for (Who who : Who.values()) {
            int expected = row[who.ordinal()];
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
