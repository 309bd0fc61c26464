package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import io.parley.command.support.EventStoreTable.StoredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import static io.parley.command.support.Problem.assertProblem;
import static io.parley.command.support.Problem.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parties of the ukraine-2025 table declare their red lines. An expression is compiled when it arrives: one that
 * does not compile is a 400 that says what is wrong and where, and the negotiation does not change.
 */
class DeclaringRedLinesTest extends ApiTest {

    private static final String NEVER_NATO = "deal.nato_membership != 'PURSUE'";
    /** A line:column position, as in {@code 1:24}. */
    private static final String POSITION = ".*\\b\\d+:\\d+\\b.*";

    private String id;

    @BeforeEach
    void openTable() {
        id = openUkraineScenario();
    }

    private Api.Response declare(String actor, String party, String expression) {
        return declareRedLine(id, actor, party, "a red line", expression);
    }

    /** The expression is refused as invalid input naming {@code expression}, and nothing is appended. */
    private String assertExpressionRefused(Api.Response refused) {
        JsonNode problem = assertProblem(refused, 400, "invalid-input", "expression");
        assertThat(store.count(id)).as("events after %s", refused).isEqualTo(1);
        return errorMessage(problem, "expression");
    }

    @Test
    void russiaDeclaresItsOwnRedLineAndGetsItsIdLocationAndVersion() {
        Api.Response declared = declareRedLine(id, "RU", "RU", "Ukraine never in NATO", NEVER_NATO);

        assertThat(declared.status()).isEqualTo(201);
        assertThat(declared.contentType()).startsWith("application/json");
        String redLineId = declared.json().path("redLineId").asText();
        assertThat(UUID.fromString(redLineId)).isNotNull();
        assertThat(declared.json().path("version").asLong()).isEqualTo(2);
        assertThat(declared.header("ETag")).contains("\"2\"");
        assertThat(declared.header("Location")).contains("/api/negotiations/" + id + "/red-lines/" + redLineId);

        StoredEvent event = store.events(id).get(1);
        assertThat(event.type()).isEqualTo("RedLineDeclared");
        assertThat(event.payload().path("redLineId").asText()).isEqualTo(redLineId);
        assertThat(event.payload().path("party").asText()).isEqualTo("RU");
        assertThat(event.payload().path("title").asText()).isEqualTo("Ukraine never in NATO");
        assertThat(event.payload().path("expression").asText()).isEqualTo(NEVER_NATO);
        assertThat(event.payload().path("declaredBy").asText()).isEqualTo("RU");
        assertThat(event.metaData().path("actor").asText()).isEqualTo("RU");
    }

    @Test
    void theFacilitatorDeclaresARedLineOnRussiasBehalf() {
        Api.Response declared = declareRedLine(id, "facilitator", "RU", "no US forces in Ukraine",
                "!('US_TRIPWIRE' in deal.foreign_troops)");

        assertThat(declared.status()).isEqualTo(201);
        StoredEvent event = store.events(id).get(1);
        assertThat(event.payload().path("party").asText()).isEqualTo("RU");
        assertThat(event.payload().path("declaredBy").asText()).isEqualTo("facilitator");
        assertThat(event.metaData().path("actor").asText()).isEqualTo("facilitator");
    }

    @Test
    void theReferenceRedLinesOfDomainMdAllCompile() {
        String[] expressions = {
                "deal.nato_membership != 'PURSUE'",
                "!('US_TRIPWIRE' in deal.foreign_troops)",
                "'INTERMEDIATE_RANGE_MISSILES' in deal.aid_excluded",
                "deal.army_cap <= 100000",
                "deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED",
                "deal.security_guarantee.kind != 'US_BILATERAL'",
                "deal.nato_written_limit == false"};

        for (String expression : expressions) {
            assertThat(declare("facilitator", "EU", expression).status()).as(expression).isEqualTo(201);
        }
        assertThat(store.count(id)).isEqualTo(1 + expressions.length);
    }

    @Test
    void ukraineCannotDeclareARedLineForRussia() {
        Api.Response refused = declare("UA", "RU", NEVER_NATO);

        JsonNode problem = assertProblem(refused, 403, "forbidden");
        assertThat(problem.path("detail").asText()).contains("UA", "RU");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aRedLineForSomeoneNotAtTheTableBreaksARule() {
        JsonNode problem = assertProblem(declare("facilitator", "CN", NEVER_NATO), 409, "rule-violation");

        assertThat(problem.path("code").asText()).isEqualTo("not-a-party");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aRedLineNeedsATitleAndAnExpression() {
        Api.Response refused = api.post("/api/negotiations/" + id + "/red-lines").as("RU")
                .json("{\"party\": \"RU\"}").send();

        assertProblem(refused, 400, "invalid-input", "title", "expression");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a syntax error                    | deal.nato_membership ==
            an unknown term                   | deal.crimea == 'X'
            an unknown field of a term        | deal.security_guarantee.duration == 10
            a type mismatch                   | deal.strike_limits_km == 'far'
            a value that is not true or false | deal.strike_limits_km + 1
            a function that does not exist    | launch(deal.army_cap)
            a value outside the enum's domain | deal.nato_membership == 'JOIN'
            a cost over the limit             | deal.aid_excluded.all(a, deal.aid_excluded.all(b, deal.aid_excluded.all(c, deal.aid_excluded.all(d, a != b || c != d))))
            """)
    void anExpressionThatDoesNotCompileIsRefusedSayingWhere(String mistake, String expression) {
        String message = assertExpressionRefused(declare("RU", "RU", expression));

        assertThat(message).as(mistake).matches(POSITION);
    }

    @Test
    void anExpressionLongerThan4000CharactersIsRefused() {
        String huge = "deal.army_cap <= 100000" + " && deal.army_cap >= 0".repeat(200);
        assertThat(huge.length()).isGreaterThan(4000);

        String message = assertExpressionRefused(declare("RU", "RU", huge));

        assertThat(message).contains("4000");
    }

    @Test
    void anExpressionLargerThanTheRequestLimitIsRefusedBeforeItIsRead() {
        String enormous = "deal.army_cap <= 100000" + " && deal.army_cap >= 0".repeat(4000);

        assertProblem(declare("RU", "RU", enormous), 413, "payload-too-large");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void anExpressionNestedThreeThousandDeepIsRefusedAndTheServiceAnswersTheNextRequest() {
        String nested = "(".repeat(3000) + "deal.army_cap > 0" + ")".repeat(3000);

        assertExpressionRefused(declare("RU", "RU", nested));

        assertThat(declare("RU", "RU", NEVER_NATO).status()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"parentheses", "negations", "lists", "sums", "conditionals"})
    void aDeeplyNestedExpressionWithinTheSizeLimitIsRefusedAndTheServiceAnswersTheNextRequest(String shape) {
        String nested = switch (shape) {
            case "parentheses" -> "(".repeat(1990) + "deal.army_cap > 0" + ")".repeat(1990);
            case "negations" -> "!(".repeat(1300) + "deal.nato_written_limit" + ")".repeat(1300);
            case "lists" -> "[".repeat(1950) + "]".repeat(1950) + " == []";
            case "sums" -> "deal.army_cap" + " + 1".repeat(990) + " > 0";
            case "conditionals" -> "false?false:".repeat(330) + "true";
            default -> throw new IllegalArgumentException(shape);
        };
        assertThat(nested.length()).isLessThanOrEqualTo(4000);

        assertThat(assertExpressionRefused(declare("RU", "RU", nested))).as("refused for its depth").contains("limit");

        assertThat(declare("RU", "RU", NEVER_NATO).status()).isEqualTo(201);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsMalformed() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("{\"party\": \"RU\", \"title\": \"bad bytes\", \"expression\": \"deal.nato_membership == '"));
        body.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28});
        body.writeBytes(ascii("'\"}"));

        Api.Response refused = api.post("/api/negotiations/" + id + "/red-lines").as("RU").bytes(body.toByteArray())
                .send();

        assertProblem(refused, 400, "malformed-json");
        assertThat(store.count(id)).isEqualTo(1);
    }

    /** A stray byte, an overlong '/', an encoded surrogate, a code point past U+10FFFF, a truncated sequence. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FF", "C0AF", "EDA080", "F4908080", "E282"})
    void everyKindOfInvalidUtf8IsMalformed(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("{\"party\": \"RU\", \"title\": \"x"));
        body.writeBytes(bad);
        body.writeBytes(ascii("\", \"expression\": \"deal.army_cap > 0\"}"));

        Api.Response refused = api.post("/api/negotiations/" + id + "/red-lines").as("RU").bytes(body.toByteArray())
                .send();

        assertProblem(refused, 400, "malformed-json");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void anUnknownFieldIsNamed() {
        Api.Response refused = api.post("/api/negotiations/" + id + "/red-lines").as("RU")
                .json("{\"party\": \"RU\", \"title\": \"t\", \"expresion\": \"true\"}").send();

        JsonNode problem = assertProblem(refused, 400, "invalid-input", "expresion");
        assertThat(errorMessage(problem, "expresion")).contains("expression");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void anExpressionThatIsNotAJsonStringIsNamed() {
        Api.Response number = api.post("/api/negotiations/" + id + "/red-lines").as("RU")
                .json("{\"party\": \"RU\", \"title\": \"t\", \"expression\": 5}").send();
        Api.Response object = api.post("/api/negotiations/" + id + "/red-lines").as("RU")
                .json("{\"party\": \"RU\", \"title\": \"t\", \"expression\": {\"op\": \"!=\"}}").send();

        assertThat(errorMessage(assertProblem(number, 400, "invalid-input", "expression"), "expression"))
                .contains("string");
        assertProblem(object, 400, "invalid-input", "expression");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aStaleIfMatchIsRefusedWithTheCurrentVersion() {
        declare("RU", "RU", NEVER_NATO);

        Api.Response refused = api.post("/api/negotiations/" + id + "/red-lines").as("UA").header("If-Match", "\"1\"")
                .json(redLineJson("UA", "some guarantee", "deal.security_guarantee.kind != 'NONE'")).send();

        assertThat(assertProblem(refused, 412, "stale-version").path("currentVersion").asLong()).isEqualTo(2);
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aRepeatedDeclarationWithTheSameIdempotencyKeyGetsTheFirstAnswerAndAppendsNothing() {
        String key = "key-" + UUID.randomUUID();
        String body = redLineJson("RU", "Ukraine never in NATO", NEVER_NATO);

        Api.Response first = api.post("/api/negotiations/" + id + "/red-lines").as("RU")
                .header("Idempotency-Key", key).json(body).send();
        Api.Response again = api.post("/api/negotiations/" + id + "/red-lines").as("RU")
                .header("Idempotency-Key", key).json(body).send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location")).isPresent();
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aRedLineOnANegotiationThatDoesNotExistIsNotFound() {
        String missing = UUID.randomUUID().toString();

        assertProblem(declareRedLine(missing, "RU", "RU", "t", NEVER_NATO), 404, "not-found");
        assertThat(store.count(missing)).isZero();
    }

    @Test
    void noRedLineIsDeclaredAfterTheNegotiationCollapsed() {
        api.post("/api/negotiations/" + id + "/collapse").as("facilitator").json("{\"reason\": \"walk-out\"}").send();

        JsonNode problem = assertProblem(declare("RU", "RU", NEVER_NATO), 409, "rule-violation");
        assertThat(problem.path("code").asText()).isEqualTo("negotiation-collapsed");
        assertThat(store.count(id)).isEqualTo(2);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
