package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a team can get a request wrong: each gets an RFC 9457 problem that names what is wrong, and
 * appends nothing. "Nothing" is proven by the next valid move landing at the very next version, on the
 * command side and in the query side's timeline.
 */
@ExtendWith(RunningStack.class)
class BadInputTest {

    private Api api;
    private Table table;
    private String proposal;

    @BeforeEach
    void givenAUkraineTableWithOneProposal() {
        api = new Api(RunningStack.get());
        table = Table.openUkraine(api);
        proposal = table.propose("UA", "nato_membership", "PAUSED");
    }

    @Test
    void malformedJsonIsA400() {
        Api.Reply r = api.post(movesPath()).as("RU").raw("{\"party\": \"RU\", \"kind\": ").send();

        assertProblem(r, 400, "malformed-json");
        assertNothingAppended(2);
    }

    @Test
    void aValueOfTheWrongJsonTypeNamesTheField() {
        Api.Reply r = api.post(movesPath()).as("RU")
                .raw("{\"party\": \"RU\", \"kind\": \"ACCEPT\", \"moveId\": \"" + proposal + "\", \"rationale\": {\"why\": 1}}").send();

        assertProblem(r, 400, "invalid-input", "rationale");
        assertNothingAppended(2);
    }

    @Test
    void aMisspelledFieldIsNamed() {
        Api.Reply r = api.post(movesPath()).as("UA")
                .json(Map.of("party", "UA", "kind", "PROPOSE", "term", "eu_membership", "vlaue", "PAUSED")).send();

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains("vlaue");
        assertNothingAppended(2);
    }

    @Test
    void anUnknownTermIsA400NamingTheTerm() {
        Api.Reply r = table.move("UA", Map.of("party", "UA", "kind", "PROPOSE", "term", "crimea_status", "value", "X"));

        JsonNode problem = assertProblem(r, 400, "invalid-input", "term");
        assertThat(problem.get("errors").get(0).get("message").asText()).contains("crimea_status");
        assertNothingAppended(2);
    }

    @Test
    void aValueOutsideTheTermsDomainIsA400NamingTheValue() {
        Api.Reply r = table.move("UA", Map.of("party", "UA", "kind", "PROPOSE", "term", "strike_limits_km", "value", -5));
        assertProblem(r, 400, "invalid-input", "value");

        Api.Reply attribute = table.move("EU", Map.of("party", "EU", "kind", "PROPOSE", "term", "security_guarantee",
                "value", Map.of("kind", "WARSAW_PACT", "compensation_required", false, "void_conditions", "")));
        assertProblem(attribute, 400, "invalid-input", "value.kind");
        assertNothingAppended(2);
    }

    @Test
    void anUnknownKindOfMoveIsA400() {
        Api.Reply r = table.move("UA", Map.of("party", "UA", "kind", "THREATEN", "term", "eu_membership", "value", "PAUSED"));

        assertProblem(r, 400, "invalid-input", "kind");
        assertNothingAppended(2);
    }

    @Test
    void anUnknownNegotiationIsA404() {
        String nowhere = UUID.randomUUID().toString();
        Api.Reply r = api.post("/api/negotiations/" + nowhere + "/moves").as("UA")
                .json(Map.of("party", "UA", "kind", "PROPOSE", "term", "nato_membership", "value", "PAUSED")).send();

        assertProblem(r, 404, "not-found");
        assertProblem(api.getAs("/api/negotiations/" + nowhere + "/deal", "observer"), 404, "not-found");
        assertProblem(api.getAs("/api/negotiations/" + nowhere + "/timeline", "observer"), 404, "not-found");
    }

    @Test
    void aPartyThatIsNotAtTheTableMayNotWriteThere() {
        Api.Reply r = table.move("CN", Map.of("party", "CN", "kind", "ACCEPT", "moveId", proposal));

        JsonNode problem = assertProblem(r, 403, "forbidden");
        assertThat(problem.get("detail").asText()).contains("CN");
        assertNothingAppended(2);
    }

    @Test
    void acceptingOnesOwnProposalIsA409() {
        Api.Reply r = table.move("UA", Map.of("party", "UA", "kind", "ACCEPT", "moveId", proposal));

        JsonNode problem = assertProblem(r, 409, "rule-violation");
        assertThat(problem.get("code").asText()).isEqualTo("own-proposal");
        assertNothingAppended(2);
    }

    @Test
    void movingAfterTheNegotiationCollapsedIsA409() {
        Api.Reply collapse = api.post("/api/negotiations/" + table.id + "/collapse").as("facilitator")
                .json(Map.of("reason", "walked out")).send();
        assertThat(collapse.status()).as(collapse.toString()).isEqualTo(200);

        Api.Reply r = table.move("RU", Map.of("party", "RU", "kind", "ACCEPT", "moveId", proposal));

        JsonNode problem = assertProblem(r, 409, "rule-violation");
        assertThat(problem.get("code").asText()).isEqualTo("negotiation-collapsed");
        assertThat(table.dealAt(3).get("status").asText()).isEqualTo("COLLAPSED");
        assertThat(table.timeline()).hasSize(3);
    }

    @Test
    void aStaleIfMatchIsA412AndTheCurrentVersionWins() {
        Api.Reply r = api.post(movesPath()).as("RU").header("If-Match", "\"1\"")
                .json(Map.of("party", "RU", "kind", "ACCEPT", "moveId", proposal)).send();
        assertProblem(r, 412, "stale-version");

        Api.Reply fresh = api.post(movesPath()).as("RU").header("If-Match", "\"2\"")
                .json(Map.of("party", "RU", "kind", "ACCEPT", "moveId", proposal)).send();
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
        assertThat(fresh.json().get("version").asLong()).isEqualTo(3);
        assertThat(fresh.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void anOversizedBodyIsA413() {
        char[] filler = new char[200_000];
        Arrays.fill(filler, 'x');
        Api.Reply r = table.move("UA", Map.of("party", "UA", "kind", "PROPOSE", "term", "territory",
                "value", "line of contact", "rationale", new String(filler)));

        assertProblem(r, 413, "payload-too-large");
        assertNothingAppended(2);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> accept = Map.of("party", "RU", "kind", "ACCEPT", "moveId", proposal);

        Api.Reply first = api.post(movesPath()).as("RU").header("Idempotency-Key", key).json(accept).send();
        Api.Reply again = api.post(movesPath()).as("RU").header("Idempotency-Key", key).json(accept).send();
        Api.Reply other = api.post(movesPath()).as("RU").header("Idempotency-Key", key)
                .json(Map.of("party", "RU", "kind", "REJECT", "moveId", proposal)).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertProblem(other, 422, "idempotency-key-reused");
        assertNothingAppended(3);
    }

    @Test
    void whoActsMustBeSaidAndMustBeThePartyInTheBody() {
        Api.Reply anonymous = api.post(movesPath())
                .json(Map.of("party", "RU", "kind", "ACCEPT", "moveId", proposal)).send();
        assertProblem(anonymous, 401, "unauthorized");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");

        Api.Reply impersonation = table.move("US", Map.of("party", "RU", "kind", "ACCEPT", "moveId", proposal));
        assertProblem(impersonation, 403, "forbidden");

        Api.Reply partyOpens = api.post("/api/negotiations").as("UA").json(Map.of("scenario", "ukraine-2025")).send();
        assertProblem(partyOpens, 403, "forbidden");
        assertNothingAppended(2);
    }

    @Test
    void aBadTableIsRefusedFieldByField() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "two parties, bad terms");
        body.put("parties", List.of(Map.of("id", "A", "name", "Alpha"), Map.of("id", "A", "name", "Again")));
        body.put("terms", List.of(Map.of("id", "Bad Id", "type", "ENUM", "values", List.of("X")),
                Map.of("id", "range", "type", "INTEGER", "min", 10, "max", 1)));
        Api.Reply r = api.post("/api/negotiations").as("facilitator").json(body).send();

        JsonNode problem = assertProblem(r, 400, "invalid-input", "parties[1].id", "terms[0].id", "terms[1].max");
        assertThat(problem.get("errors").size()).isGreaterThanOrEqualTo(3);

        Api.Reply unknownScenario = api.post("/api/negotiations").as("facilitator")
                .json(Map.of("scenario", "atlantis-2030")).send();
        assertProblem(unknownScenario, 400, "invalid-input", "scenario");

        Api.Reply wrongType = api.post("/api/negotiations").as("facilitator")
                .raw("{\"title\": \"t\", \"parties\": \"UA,RU\", \"terms\": []}").send();
        assertProblem(wrongType, 400, "invalid-input", "parties");
    }

    // ------------------------------------------------------------------

    private String movesPath() {
        return "/api/negotiations/" + table.id + "/moves";
    }

    /** The next valid move lands at {@code version + 1}, so nothing was appended since {@code version}. */
    private void assertNothingAppended(long version) {
        Api.Reply marker = table.move("UA", Map.of("party", "UA", "kind", "PROPOSE", "term", "eu_membership", "value", "PAUSED"));
        assertThat(marker.status()).as(marker.toString()).isEqualTo(201);
        assertThat(marker.json().get("version").asLong()).isEqualTo(version + 1);
        table.dealAt(version + 1);
        JsonNode timeline = table.timeline();
        assertThat(timeline).hasSize((int) version + 1);
        assertThat(timeline.get((int) version).get("data").get("moveId").asText())
                .isEqualTo(marker.json().get("moveId").asText());
    }

    private static JsonNode assertProblem(Api.Reply r, int status, String code, String... fields) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("type").asText()).isEqualTo("urn:parley:problem:" + code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (fields.length > 0) {
            assertThat(problem.get("errors")).as(r.toString()).isNotNull();
            List<String> named = problem.get("errors").findValuesAsText("field");
            assertThat(named).as(r.toString()).contains(fields);
        }
        return problem;
    }
}
