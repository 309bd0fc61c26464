package io.parley.command.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.command.support.Api;
import io.parley.command.support.TokenApiTest;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.command.support.Problem.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What a token lets its holder do, beyond its role: X-Actor changes nothing, a party is itself only, limits hold. */
class TokenRulesTest extends TokenApiTest {

    @Test
    void xActorIsIgnoredWhenTokensAreOn() {
        long before = store.countAll();

        Api.Response asUkraine = api.post("/api/negotiations").bearer(UKRAINE).header("X-Actor", "facilitator")
                .json("{\"scenario\": \"ukraine-2025\"}").send();
        Api.Response withoutToken = api.post("/api/negotiations").header("X-Actor", "facilitator")
                .json("{\"scenario\": \"ukraine-2025\"}").send();

        assertProblem(asUkraine, 403, "forbidden");
        assertProblem(withoutToken, 401, "unauthorized");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void aPartysTokenActsOnlyForItsParty() {
        String id = openTwoPartyTable();

        JsonNode move = assertProblem(api.post("/api/negotiations/" + id + "/moves").bearer(UKRAINE).json(proposal("RU"))
                .send(), 403, "forbidden");
        assertProblem(api.post("/api/negotiations/" + id + "/signatures").bearer(UKRAINE).json("{\"party\": \"RU\"}")
                .send(), 403, "forbidden");
        assertProblem(api.post("/api/negotiations/" + id + "/red-lines").bearer(UKRAINE).json("""
                {"party": "RU", "title": "t", "expression": "deal.army_cap <= 10"}""").send(), 403, "forbidden");

        assertThat(move.path("detail").asText()).contains("team-ua", "party:UA", "RU");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aPartyNotAtTheTableCannotWriteThere() {
        String id = openTwoPartyTable();
        String china = TestTokens.forActor("CN");

        JsonNode problem = assertProblem(api.post("/api/negotiations/" + id + "/moves").bearer(china)
                .json(proposal("CN")).send(), 403, "forbidden");
        assertProblem(api.post("/api/negotiations/" + id + "/red-lines").bearer(china).json("""
                {"party": "CN", "title": "t", "expression": "deal.army_cap <= 10"}""").send(), 403, "forbidden");

        assertThat(problem.path("detail").asText()).contains("CN", "not a party");
        assertThat(store.count(id)).isEqualTo(1);
    }

    @Test
    void aPartyRetractsOnlyItsOwnRedLines() {
        String id = openTwoPartyTable();
        String russias = api.post("/api/negotiations/" + id + "/red-lines").bearer(RUSSIA).json("""
                {"party": "RU", "title": "Cap", "expression": "deal.army_cap <= 10"}""").send()
                .json().path("redLineId").asText();

        assertProblem(api.delete("/api/negotiations/" + id + "/red-lines/" + russias).bearer(UKRAINE).send(),
                403, "forbidden");
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void twoPeoplePlayingOnePartyNeverGetEachOthersIdempotentAnswers() {
        String id = openTwoPartyTable();
        String anna = TestTokens.token("anna@ua.example", "party:UA");
        String boris = TestTokens.token("boris@ua.example", "party:UA");

        Api.Response first = api.post("/api/negotiations/" + id + "/moves").bearer(anna).header("Idempotency-Key", "move-1")
                .json(proposal("UA")).send();
        Api.Response second = api.post("/api/negotiations/" + id + "/moves").bearer(boris).header("Idempotency-Key", "move-1")
                .json(proposal("UA")).send();

        assertThat(List.of(first.status(), second.status())).containsOnly(201);
        assertThat(second.header("Idempotent-Replayed")).isEmpty();
        assertThat(second.json().path("moveId").asText()).isNotEqualTo(first.json().path("moveId").asText());
        assertThat(store.count(id)).isEqualTo(3);
    }

    @Test
    void aTokenLimitedToOneNegotiationIsRefusedOnAnyOther() {
        String mine = openTwoPartyTable();
        String other = openTwoPartyTable();
        String limited = TestTokens.limitedTo("team-ua", "party:UA", List.of(mine));

        Api.Response elsewhere = api.post("/api/negotiations/" + other + "/moves").bearer(limited).json(proposal("UA"))
                .send();
        Api.Response retractElsewhere = api.delete("/api/negotiations/" + other + "/red-lines/any").bearer(limited).send();
        Api.Response here = api.post("/api/negotiations/" + mine + "/moves").bearer(limited).json(proposal("UA")).send();

        JsonNode problem = assertProblem(elsewhere, 403, "forbidden");
        assertThat(problem.path("detail").asText()).contains(other);
        assertProblem(retractElsewhere, 403, "forbidden");
        assertThat(store.count(other)).isEqualTo(1);
        assertThat(here.status()).as("%s", here).isEqualTo(201);
        assertThat(store.count(mine)).isEqualTo(2);
    }

    @Test
    void theLimitIsCheckedBeforeTheNegotiationIsLookedUp() {
        String limited = TestTokens.limitedTo("facilitator", "facilitator", List.of("somewhere"));

        assertProblem(api.post("/api/negotiations/no-such-negotiation/collapse").bearer(limited)
                .json("{\"reason\": \"r\"}").send(), 403, "forbidden");
    }

    @Test
    void aLimitedFacilitatorTokenCannotOpenANegotiation() {
        String id = openTwoPartyTable();
        String limited = TestTokens.limitedTo("facilitator", "facilitator", List.of(id));
        long before = store.countAll();

        Api.Response refused = api.post("/api/negotiations").bearer(limited).json("{\"scenario\": \"ukraine-2025\"}")
                .send();
        Api.Response collapsed = api.post("/api/negotiations/" + id + "/collapse").bearer(limited)
                .json("{\"reason\": \"time is up\"}").send();

        assertThat(assertProblem(refused, 403, "forbidden").path("detail").asText()).contains("limited");
        assertThat(collapsed.status()).as("%s", collapsed).isEqualTo(200);
        assertThat(store.countAll()).isEqualTo(before + 1);
    }

    @Test
    void aMalformedTokenOrAMissingOrOverlongSubjectIsUnauthorized() {
        long before = store.countAll();

        Api.Response garbage = api.post("/api/negotiations").bearer("not-a-token").json("{\"scenario\": \"ukraine-2025\"}")
                .send();
        Api.Response noSubject = api.post("/api/negotiations").bearer(TestTokens.token(null, "facilitator"))
                .json("{\"scenario\": \"ukraine-2025\"}").send();
        Api.Response hugeSubject = api.post("/api/negotiations").bearer(TestTokens.token("x".repeat(256), "facilitator"))
                .json("{\"scenario\": \"ukraine-2025\"}").send();
        Api.Response basic = api.post("/api/negotiations").header("Authorization", "Basic ZmFjaWxpdGF0b3I6")
                .json("{\"scenario\": \"ukraine-2025\"}").send();

        assertProblem(garbage, 401, "unauthorized");
        assertThat(garbage.header("WWW-Authenticate")).get().asString().contains("invalid_token");
        assertProblem(noSubject, 401, "unauthorized");
        assertProblem(hugeSubject, 401, "unauthorized");
        assertProblem(basic, 401, "unauthorized");
        assertThat(basic.header("WWW-Authenticate")).contains("Bearer");
        assertThat(store.countAll()).isEqualTo(before);
    }

    @Test
    void anExpiredTokenIsUnauthorizedAndSaysSo() {
        Api.Response refused = api.post("/api/negotiations").bearer(TestTokens.expired("facilitator", "facilitator"))
                .json("{\"scenario\": \"ukraine-2025\"}").send();

        JsonNode problem = assertProblem(refused, 401, "unauthorized");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("expired");
        assertThat(refused.header("WWW-Authenticate")).get().asString()
                .startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    @Test
    void operationsAndDocumentationStayOpenEvenWithAStaleToken() {
        String stale = TestTokens.expired("facilitator", "facilitator");

        assertThat(api.get("/actuator/health").send().status()).isEqualTo(200);
        assertThat(api.get("/actuator/health").bearer(stale).send().status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs").send().status()).isEqualTo(200);
        assertThat(api.get("/swagger-ui.html").send().status()).isEqualTo(302);
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerScheme() {
        JsonNode docs = api.get("/v3/api-docs").send().json();

        JsonNode scheme = docs.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(docs.path("security").findValuesAsText("bearer")).isNotNull();
        assertThat(docs.path("security").get(0).has("bearer")).isTrue();
        assertThat(docs.path("paths").path("/api/negotiations").path("post").path("responses").fieldNames())
                .toIterable().contains("401", "403", "429");
    }

    @Test
    void anUnknownApiPathNeedsATokenToo() {
        assertProblem(api.get("/api/nothing-here").send(), 401, "unauthorized");
        assertProblem(api.get("/api/nothing-here").bearer(OBSERVER).send(), 404, "not-found");
    }
}
