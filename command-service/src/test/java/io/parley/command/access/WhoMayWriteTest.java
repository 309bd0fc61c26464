package io.parley.command.access;

import io.parley.command.support.Api;
import io.parley.command.support.TokenApiTest;
import io.parley.testing.AccessMatrix;
import io.parley.testing.AccessMatrix.Endpoint;
import io.parley.testing.AccessMatrix.Who;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write, tried by every kind of caller, on a fresh UA/RU table: only the callers the rules name get through;
 * everyone else gets a problem (401 without a valid token, 403 without the right) and the event store does not
 * change. "own party" is UA, whose party the body names (and whose red line is retracted); "other party" is RU
 * sending the same body, and "party not at the table" CN. The status each caller gets, and the token it shows, are
 * the table's in {@link AccessMatrix}, which the query service's and the local stack's matrices read too.
 */
class WhoMayWriteTest extends TokenApiTest {

    static Stream<Arguments> everyWriteByEveryCaller() {
        return Endpoint.writes().stream().flatMap(write -> Stream.of(Who.values())
                .map(who -> Arguments.of(write, who, AccessMatrix.expected(write, who))));
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource("everyWriteByEveryCaller")
    void onlyTheCallersTheRulesNameMayWrite(Endpoint write, Who who, int expected) {
        String id = openTwoPartyTable();
        String redLine = write == Endpoint.RETRACT_RED_LINE ? declareUkrainesRedLine(id) : null;
        long before = write == Endpoint.OPEN ? store.countAll() : store.count(id);

        Api.Response answer = request(write, id, redLine, who).send();

        assertThat(answer.status()).as("%s by %s: %s", write, who, answer).isEqualTo(expected);
        long after = write == Endpoint.OPEN ? store.countAll() : store.count(id);
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

    private Api.Call request(Endpoint write, String id, String redLine, Who who) {
        String path = "/api/negotiations/" + id;
        Api.Call call = switch (write) {
            case OPEN -> api.post("/api/negotiations").json("{\"scenario\": \"ukraine-2025\"}");
            case MOVE -> api.post(path + "/moves").json(proposal("UA"));
            case SIGN -> api.post(path + "/signatures").json("{\"party\": \"UA\"}");
            case COLLAPSE -> api.post(path + "/collapse").json("{\"reason\": \"walk-out\"}");
            case DECLARE_RED_LINE -> api.post(path + "/red-lines").json(RED_LINE);
            case RETRACT_RED_LINE -> api.delete(path + "/red-lines/" + redLine);
            case LIST, DEAL, TIMELINE, ANALYSIS -> throw new IllegalArgumentException("not a write: " + write);
        };
        return AccessMatrix.token(write, who).map(call::bearer).orElse(call);
    }

    private static final String RED_LINE = """
            {"party": "UA", "title": "No NATO renunciation", "expression": "deal.nato_membership != 'RENOUNCED'"}""";

    private String declareUkrainesRedLine(String id) {
        Api.Response declared = api.post("/api/negotiations/" + id + "/red-lines").bearer(UKRAINE).json(RED_LINE).send();
        assertThat(declared.status()).as("declaring: %s", declared).isEqualTo(201);
        return declared.json().path("redLineId").asText();
    }
}
