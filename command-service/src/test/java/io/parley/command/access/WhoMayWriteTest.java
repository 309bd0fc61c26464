package io.parley.command.access;

import io.parley.command.support.Api;
import io.parley.command.support.TokenApiTest;
import io.parley.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write, tried by every kind of caller, on a fresh UA/RU table: only the callers the rules name get through;
 * everyone else gets a problem (401 without a valid token, 403 without the right) and the event store does not
 * change. "own party" is UA, whose party the body names (and whose red line is retracted); "other party" is RU
 * sending the same body.
 */
class WhoMayWriteTest extends TokenApiTest {

    enum Write { OPEN, MOVE, SIGN, COLLAPSE, DECLARE_RED_LINE, RETRACT_RED_LINE }

    enum Who {
        NO_TOKEN(null),
        EXPIRED(TestTokens.expired("team-ua", "party:UA")),
        WRONG_SIGNATURE(TestTokens.wrongSignature("facilitator", "facilitator")),
        FACILITATOR(TestTokens.forActor("facilitator")),
        OWN_PARTY(TestTokens.forActor("UA")),
        OTHER_PARTY(TestTokens.forActor("RU")),
        OBSERVER(TestTokens.forActor("observer"));

        final String token;

        Who(String token) {
            this.token = token;
        }
    }

    /** The answer each caller gets to each write. */
    private static final Map<Write, List<Integer>> EXPECTED = Map.of(
            //                                   none expired wrong-sig facilitator own other observer
            Write.OPEN,             List.of(401, 401, 401, 201, 403, 403, 403),
            Write.MOVE,             List.of(401, 401, 401, 403, 201, 403, 403),
            Write.SIGN,             List.of(401, 401, 401, 403, 201, 403, 403),
            Write.COLLAPSE,         List.of(401, 401, 401, 200, 403, 403, 403),
            Write.DECLARE_RED_LINE, List.of(401, 401, 401, 201, 201, 403, 403),
            Write.RETRACT_RED_LINE, List.of(401, 401, 401, 204, 204, 403, 403));

    static Stream<Arguments> everyWriteByEveryCaller() {
        return Stream.of(Write.values()).flatMap(write -> Stream.of(Who.values())
                .map(who -> Arguments.of(write, who, EXPECTED.get(write).get(who.ordinal()))));
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource("everyWriteByEveryCaller")
    void onlyTheCallersTheRulesNameMayWrite(Write write, Who who, int expected) {
        String id = openTwoPartyTable();
        String redLine = write == Write.RETRACT_RED_LINE ? declareUkrainesRedLine(id) : null;
        long before = write == Write.OPEN ? store.countAll() : store.count(id);

        Api.Response answer = request(write, id, redLine, who).send();

        assertThat(answer.status()).as("%s by %s: %s", write, who, answer).isEqualTo(expected);
        long after = write == Write.OPEN ? store.countAll() : store.count(id);
        if (expected >= 400) {
            assertProblem(answer, expected, expected == 401 ? "unauthorized" : "forbidden");
            assertThat(after).as("events after a refusal").isEqualTo(before);
        } else {
            assertThat(after).as("events after a write").isGreaterThan(before);
        }
        if (expected == 401) {
            assertThat(answer.header("WWW-Authenticate")).get().asString().startsWith("Bearer");
        }
    }

    private Api.Call request(Write write, String id, String redLine, Who who) {
        String path = "/api/negotiations/" + id;
        Api.Call call = switch (write) {
            case OPEN -> api.post("/api/negotiations").json("{\"scenario\": \"ukraine-2025\"}");
            case MOVE -> api.post(path + "/moves").json(proposal("UA"));
            case SIGN -> api.post(path + "/signatures").json("{\"party\": \"UA\"}");
            case COLLAPSE -> api.post(path + "/collapse").json("{\"reason\": \"walk-out\"}");
            case DECLARE_RED_LINE -> api.post(path + "/red-lines").json(RED_LINE);
            case RETRACT_RED_LINE -> api.delete(path + "/red-lines/" + redLine);
        };
        return who.token == null ? call : call.bearer(who.token);
    }

    private static final String RED_LINE = """
            {"party": "UA", "title": "No NATO renunciation", "expression": "deal.nato_membership != 'RENOUNCED'"}""";

    private String declareUkrainesRedLine(String id) {
        Api.Response declared = api.post("/api/negotiations/" + id + "/red-lines").bearer(UKRAINE).json(RED_LINE).send();
        assertThat(declared.status()).as("declaring: %s", declared).isEqualTo(201);
        return declared.json().path("redLineId").asText();
    }
}
