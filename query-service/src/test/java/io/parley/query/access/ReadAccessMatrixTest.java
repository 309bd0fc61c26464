package io.parley.query.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import io.parley.query.support.WithTokens;
import io.parley.testing.AccessMatrix;
import io.parley.testing.AccessMatrix.Endpoint;
import io.parley.testing.AccessMatrix.Who;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read of the service, asked by every kind of caller, in the service as deployed (bearer tokens). Ukraine and
 * Russia each hold a red line at the table. Without a valid token nothing is read, and a valid token without a role
 * Parley knows reads nothing either; with a role, each caller gets what it allows: the facilitator every red line
 * and the analysis, a party its own red lines, and an observer (or a party whose party is not at this table) the
 * deal and timeline without any red-line text. The status each caller gets, and the token it shows, are the table's
 * in {@link AccessMatrix}, which the command service's and the local stack's matrices read too.
 */
@ExtendWith(QueryServiceExtension.class)
class ReadAccessMatrixTest {

    /** Where {@code read} is asked, about {@code negotiationId} (none for the list). */
    static String path(Endpoint read, String negotiationId) {
        return switch (read) {
            case LIST -> "/api/negotiations?limit=1000";
            case DEAL -> "/api/negotiations/" + negotiationId + "/deal";
            case TIMELINE -> "/api/negotiations/" + negotiationId + "/timeline?limit=1000";
            case ANALYSIS -> "/api/negotiations/" + negotiationId + "/analysis";
            default -> throw new IllegalArgumentException("not a read: " + read);
        };
    }

    /** The parties whose red lines {@code who} reads, where it is let in at all. */
    private static List<String> seesRedLinesOf(Who who) {
        return switch (who) {
            case FACILITATOR -> List.of("UA", "RU");
            case OWN_PARTY -> List.of("UA");
            case OTHER_PARTY -> List.of("RU");
            default -> List.of();
        };
    }

    /** Observers and the facilitator get the count of violated red lines per party; parties at the table do not. */
    private static boolean seesViolatedCounts(Who who) {
        return who == Who.FACILITATOR || who == Who.PARTY_NOT_AT_THE_TABLE || who == Who.OBSERVER;
    }

    /** The headers {@code who} sends to {@code read}, as name, value pairs. */
    private static String[] headers(Endpoint read, Who who) {
        return AccessMatrix.headers(read, who).entrySet().stream()
                .flatMap(header -> Stream.of(header.getKey(), header.getValue()))
                .toArray(String[]::new);
    }

    /** The token {@code who} reads the deal with. */
    private static String dealToken(Who who) {
        return AccessMatrix.token(Endpoint.DEAL, who).orElseThrow();
    }

    private static Session session;
    /** Per party: words found only in the title and expression of its red line. */
    private static final Map<String, List<String>> secrets = new LinkedHashMap<>();

    @BeforeAll
    static void ukraineAndRussiaHoldRedLines(@WithTokens QueryService service) {
        session = Session.openUkraine("Who reads what");
        declare("UA", "Some formal guarantee", "deal.security_guarantee.kind != 'NONE'");
        declare("RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'");
        session.propose("UA", "nato_membership", "\"PURSUE\"", null);
        service.publishAndAwait(session.events());
    }

    private static void declare(String party, String title, String expression) {
        String titleWord = party + "title" + UUID.randomUUID().toString().substring(0, 8);
        String expressionWord = party + "expr" + UUID.randomUUID().toString().substring(0, 8);
        secrets.put(party, List.of(titleWord, expressionWord));
        session.declareRedLine(party, title + " " + titleWord,
                "(" + expression + ") && deal.territory != '" + expressionWord + "'");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Endpoint read : Endpoint.reads()) {
            for (Who who : Who.values()) {
                rows.add(Arguments.of(read, who, AccessMatrix.expected(read, who)));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("matrix")
    void every_read_answers_every_caller_as_its_role_allows(Endpoint read, Who who, int status,
                                                           @WithTokens QueryService service) {
        Reply reply = service.http().get(path(read, session.id()), headers(read, who));

        assertThat(reply.status()).as("%s as %s", read, who).isEqualTo(status);
        for (String party : List.of("UA", "RU")) {
            if (status != 200 || !seesRedLinesOf(who).contains(party)) {
                assertThat(reply.body()).as("%s's red line in %s as %s", party, read, who)
                        .doesNotContain(secrets.get(party));
            }
        }
        if (status == 401) {
            JsonNode problem = problem(reply, 401, "unauthorized");
            assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
            assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(challenge -> {
                assertThat(challenge).startsWith("Bearer");
                if (who != Who.NO_TOKEN) {
                    assertThat(challenge).contains("error=\"invalid_token\"");
                }
            });
        } else if (status == 403) {
            assertThat(problem(reply, 403, "forbidden").path("detail").asText())
                    .contains(who == Who.NO_ROLE ? "no Parley role" : "facilitator");
        } else {
            switch (read) {
                case LIST -> assertThat(ids(reply.json(), "id")).contains(session.id());
                case DEAL -> {
                    JsonNode deal = reply.json();
                    assertThat(ids(deal.path("redLines"), "party")).containsExactlyElementsOf(seesRedLinesOf(who));
                    assertThat(deal.has("violatedRedLines")).isEqualTo(seesViolatedCounts(who));
                    assertThat(reply.headerValues("Vary")).contains("Authorization");
                }
                case TIMELINE -> {
                    List<String> readable = new ArrayList<>();
                    reply.json().forEach(e -> {
                        if (e.path("type").asText().equals("RedLineDeclared") && e.path("data").has("title")) {
                            readable.add(e.path("data").path("party").asText());
                        }
                    });
                    assertThat(readable).containsExactlyElementsOf(seesRedLinesOf(who));
                    assertThat(reply.json().get(0).has("subject")).isEqualTo(who == Who.FACILITATOR);
                }
                case ANALYSIS -> assertThat(reply.json().path("negotiationId").asText()).isEqualTo(session.id());
            }
            if (read != Endpoint.LIST) {
                // What can carry red lines is kept by no shared cache and revalidated before each use.
                assertThat(reply.header("Cache-Control")).as("%s as %s", read, who).contains("private, no-cache");
            }
        }
    }

    @Test
    void each_caller_gets_its_own_etag_taken_from_its_role_and_never_from_a_header(@WithTokens QueryService service) {
        String path = path(Endpoint.DEAL, session.id());
        long version = session.version();

        Reply ukraine = service.http().get(path, headers(Endpoint.DEAL, Who.OWN_PARTY));
        Reply ukraineClaimingRussia = service.http().getWith(dealToken(Who.OWN_PARTY), path, "X-Actor", "RU");
        Reply facilitator = service.http().get(path, headers(Endpoint.DEAL, Who.FACILITATOR));
        Reply observer = service.http().get(path, headers(Endpoint.DEAL, Who.OBSERVER));
        Reply stranger = service.http().get(path, headers(Endpoint.DEAL, Who.PARTY_NOT_AT_THE_TABLE));

        assertThat(ukraine.header("ETag")).contains("\"" + version + "-UA\"");
        assertThat(ukraineClaimingRussia.header("ETag")).contains("\"" + version + "-UA\"");
        assertThat(facilitator.header("ETag")).contains("\"" + version + "-facilitator\"");
        assertThat(observer.header("ETag")).contains("\"" + version + "\"");
        assertThat(stranger.header("ETag")).contains("\"" + version + "\"");
        Reply ukraineWithFacilitatorsTag = service.http().getWith(dealToken(Who.OWN_PARTY), path,
                "If-None-Match", facilitator.header("ETag").orElseThrow());
        Reply ukraineUnchanged = service.http().getWith(dealToken(Who.OWN_PARTY), path,
                "If-None-Match", ukraine.header("ETag").orElseThrow());
        assertThat(ukraineWithFacilitatorsTag.status()).isEqualTo(200);
        assertThat(ids(ukraineWithFacilitatorsTag.json().path("redLines"), "party")).containsExactly("UA");
        assertThat(ukraineUnchanged.status()).isEqualTo(304);
        assertThat(ukraineUnchanged.headerValues("Vary")).contains("Authorization");
        assertThat(ukraineUnchanged.header("Cache-Control")).contains("private, no-cache");
    }

    @Test
    void a_malformed_token_is_unauthorized_with_a_problem_that_says_so(@WithTokens QueryService service) {
        Reply reply = service.http().get(path(Endpoint.LIST, null), headers(Endpoint.LIST, Who.MALFORMED));

        JsonNode problem = problem(reply, 401, "unauthorized");
        assertThat(problem.path("detail").asText()).startsWith("the bearer token was refused");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/negotiations");
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
    }

    @Test
    void operations_and_the_api_description_need_no_token(@WithTokens QueryService service) {
        assertThat(service.http().get("/actuator/health").status()).isEqualTo(200);
        assertThat(service.http().get("/v3/api-docs").json().path("components").path("securitySchemes")
                .path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(service.http().get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    void a_request_the_firewall_refuses_is_a_problem_not_a_server_error(@WithTokens QueryService service) {
        Reply reply = service.http().get("/api/negotiations/x;y/deal", headers(Endpoint.DEAL, Who.FACILITATOR));

        problem(reply, 400, "invalid-input");
    }

    static JsonNode problem(Reply reply, int status, String code) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asText()).isEqualTo("urn:parley:problem:" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.path(field).asText()));
        return ids;
    }
}
