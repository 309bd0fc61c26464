package io.parley.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.support.Api;
import io.parley.command.support.ApiTest;
import org.junit.jupiter.api.Test;

import static io.parley.command.support.Problem.assertProblem;
import static io.parley.command.support.Problem.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's script sends something the API cannot take: it gets a problem+json that says what and where, and the
 * event store does not change.
 */
class RequestProblemsTest extends ApiTest {

    private Api.Response open(String json) {
        return api.post("/api/negotiations").as("facilitator").json(json).send();
    }

    @Test
    void aWriteWithoutXActorIsRefusedNamingTheHeader() {
        long before = store.countAll();

        Api.Response refused = api.post("/api/negotiations").json(TWO_PARTY_TABLE).send();

        assertProblem(refused, 400, "invalid-input", "X-Actor");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void anXActorThatIsNoPartyIdIsRefused() {
        assertProblem(api.post("/api/negotiations").as("robert'); drop table").json(TWO_PARTY_TABLE).send(),
                400, "invalid-input", "X-Actor");
    }

    @Test
    void malformedJsonIsRefused() {
        long before = store.countAll();

        Api.Response refused = open("{\"title\": \"t\", \"parties\": [");

        assertProblem(refused, 400, "malformed-json");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void aMissingBodyIsRefused() {
        Api.Response refused = api.post("/api/negotiations").as("facilitator")
                .header("Content-Type", "application/json").send();

        assertProblem(refused, 400, "malformed-json");
    }

    @Test
    void aValueOfTheWrongJsonTypeIsNamedByItsPath() {
        assertProblem(open("{\"title\": 5, \"scenario\": \"ukraine-2025\"}"), 400, "invalid-input", "title");
        assertProblem(open("{\"title\": \"t\", \"parties\": \"UA,RU\", \"terms\": []}"), 400, "invalid-input", "parties");
        JsonNode nested = assertProblem(open("""
                {"title": "t", "parties": [{"id": "UA"}, {"id": ["RU"]}], "terms": []}"""), 400, "invalid-input",
                "parties[1].id");
        assertThat(errorMessage(nested, "parties[1].id")).contains("string");
        JsonNode enumValue = assertProblem(open("""
                {"title": "t", "parties": [{"id": "UA"}, {"id": "RU"}], "terms": [{"id": "x", "type": "COLOUR"}]}"""),
                400, "invalid-input", "terms[0].type");
        assertThat(errorMessage(enumValue, "terms[0].type")).contains("ENUM", "STRUCT");
    }

    @Test
    void anUnknownFieldIsNamedSoATypoIsFound() {
        long before = store.countAll();

        JsonNode top = assertProblem(open("{\"titel\": \"t\", \"scenario\": \"ukraine-2025\"}"), 400, "invalid-input",
                "titel");
        assertThat(errorMessage(top, "titel")).contains("title");
        assertProblem(open("""
                {"title": "t", "parties": [{"id": "UA", "nickname": "UKR"}, {"id": "RU"}], "terms": []}"""), 400,
                "invalid-input", "parties[0].nickname");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        Api.Response refused = api.post("/api/negotiations").as("facilitator")
                .header("Content-Type", "text/plain").json("open please").send();

        assertProblem(refused, 415, "unsupported-media-type");
    }

    @Test
    void aMethodTheEndpointDoesNotTakeIsNotAllowed() {
        assertProblem(api.get("/api/negotiations").as("facilitator").send(), 405, "method-not-allowed");
        assertProblem(api.call("DELETE", "/api/negotiations/x/moves").as("UA").send(), 405, "method-not-allowed");
    }

    @Test
    void anUnknownPathIsNotFoundForEveryMethod() {
        assertProblem(api.get("/api/nothing-here").send(), 404, "not-found");
        assertProblem(api.post("/api/nothing-here").as("UA").json("{}").send(), 404, "not-found");
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformedEvenWhereTheJsonParserWouldTakeIt() {
        long before = store.countAll();
        // 0xC0 0xAF is an overlong '/': not UTF-8, though a lenient decoder reads it as a slash.
        byte[] overlong = {'{', '"', 's', 'c', 'e', 'n', 'a', 'r', 'i', 'o', '"', ':', '"', 'u', 'k', 'r', 'a', 'i',
                'n', 'e', '-', '2', '0', '2', '5', '"', ',', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', 'a',
                (byte) 0xC0, (byte) 0xAF, 'b', '"', '}'};

        Api.Response refused = api.post("/api/negotiations").as("facilitator").bytes(overlong).send();

        JsonNode problem = assertProblem(refused, 400, "malformed-json");
        assertThat(problem.path("detail").asText()).contains("UTF-8", "byte 37");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedBeforeItIsRead() {
        long before = store.countAll();
        String huge = "{\"title\": \"" + "x".repeat(70_000) + "\", \"scenario\": \"ukraine-2025\"}";

        Api.Response refused = open(huge);

        assertProblem(refused, 413, "payload-too-large");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyLargerThanTheLimitIsRefusedWhileReading() {
        long before = store.countAll();
        byte[] huge = Api.utf8("{\"title\": \"" + "x".repeat(70_000) + "\", \"scenario\": \"ukraine-2025\"}");

        Api.Response refused = api.post("/api/negotiations").as("facilitator").chunked(huge).send();

        assertProblem(refused, 413, "payload-too-large");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsAccepted() {
        Api.Response opened = api.post("/api/negotiations").as("facilitator")
                .chunked(Api.utf8("{\"scenario\": \"ukraine-2025\"}")).send();

        assertThat(opened.status()).isEqualTo(201);
    }

    @Test
    void anIdempotencyKeyLongerThan128CharactersIsRefused() {
        Api.Response refused = api.post("/api/negotiations").as("facilitator")
                .header("Idempotency-Key", "k".repeat(129)).json(TWO_PARTY_TABLE).send();

        assertProblem(refused, 400, "invalid-input", "Idempotency-Key");
    }

    @Test
    void everyHeaderProblemIsNamedAtOnce() {
        Api.Response refused = api.post("/api/negotiations/x/moves").header("If-Match", "latest")
                .header("Idempotency-Key", "k".repeat(200))
                .json("{\"party\": \"UA\", \"kind\": \"PROPOSE\", \"term\": \"t\", \"value\": 1}").send();

        assertProblem(refused, 400, "invalid-input", "X-Actor", "If-Match", "Idempotency-Key");
    }
}
