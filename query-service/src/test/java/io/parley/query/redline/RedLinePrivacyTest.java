package io.parley.query.redline;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.parley.query.redline.RedLineVerdictsTest.deal;
import static io.parley.query.redline.RedLineVerdictsTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every party of the ukraine-2025 table hands in red lines it would not want the others to read. Ukraine, a
 * journalist without a name and anyone who claims a name that is no party's must be able to call every read of
 * the service and still not learn a word of another party's red lines; the facilitator reads them all.
 */
@ExtendWith(QueryServiceExtension.class)
class RedLinePrivacyTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final List<String> PARTIES = List.of("UA", "RU", "US", "EU");

    private static Session session;
    /** Per party: the title and expression of each red line it holds, and a word found only in them. */
    private static final Map<String, List<String>> secrets = new LinkedHashMap<>();
    private static String retracted;
    private static String pursue;

    @BeforeAll
    static void everyPartyDeclaresItsRedLines(QueryService service) {
        session = Session.openUkraine("Private red lines");
        declare("UA", "UA", "Some formal guarantee",
                "deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED");
        declare("RU", "RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'");
        declare("US", "US", "No US troops on the ground", "!('US_TRIPWIRE' in deal.foreign_troops)");
        // The facilitator enters Europe's red line for it.
        declare(Session.FACILITATOR, "EU", "No written veto over NATO membership", "deal.nato_written_limit == false");
        retracted = declare("RU", "RU", "Demilitarised Ukraine", "deal.army_cap <= 100000");
        session.retractRedLine("RU", retracted);
        pursue = session.propose("UA", "nato_membership", "\"PURSUE\"", null);
        session.propose("EU", "foreign_troops", "[\"US_TRIPWIRE\"]", null);
        service.publishAndAwait(session.events());
    }

    /**
     * Declares a red line whose title and expression carry a word of their own (the expression in a clause on the
     * free-text territory term), so that any piece of it that leaks is found.
     */
    private static String declare(String actor, String party, String title, String expression) {
        String titleWord = party + "title" + UUID.randomUUID().toString().substring(0, 8);
        String expressionWord = party + "expr" + UUID.randomUUID().toString().substring(0, 8);
        String fullTitle = title + " " + titleWord;
        String fullExpression = "(" + expression + ") && deal.territory != '" + expressionWord + "'";
        secrets.computeIfAbsent(party, p -> new ArrayList<>())
                .addAll(List.of(titleWord, expressionWord, fullTitle, fullExpression));
        return session.declareRedLine(actor, party, fullTitle, fullExpression);
    }

    @Test
    void ukraine_reads_its_own_red_lines_and_not_a_word_of_the_others(QueryService service) {
        String everything = everythingReadableBy(service, "UA");

        assertThat(everything).contains(secrets.get("UA"));
        for (String other : List.of("RU", "US", "EU")) {
            for (String secret : secrets.get(other)) {
                assertThat(everything).as("%s's red line seen by UA", other).doesNotContain(secret);
            }
        }
        JsonNode own = deal(service, session, "UA").path("redLines");
        assertThat(own).hasSize(1);
        assertThat(own.get(0).path("party").asText()).isEqualTo("UA");
        assertThat(secrets.get("UA")).contains(own.get(0).path("title").asText(),
                own.get(0).path("expression").asText());
        assertThat(deal(service, session, "UA").has("violatedRedLines"))
                .as("how many of the others' red lines are violated is theirs to know").isFalse();
    }

    @Test
    void observers_read_no_red_line_text_at_all(QueryService service) {
        // No name, a name that is no party's, and the facilitator's name in the wrong case.
        for (String observer : new String[]{null, "press", "Facilitator", "ua"}) {
            String everything = everythingReadableBy(service, observer);

            for (String party : PARTIES) {
                for (String secret : secrets.get(party)) {
                    assertThat(everything).as("%s's red line seen by observer %s", party, observer)
                            .doesNotContain(secret);
                }
            }
            JsonNode deal = deal(service, session, observer);
            assertThat(deal.path("redLines")).isEmpty();
            assertThat(deal.path("violatedRedLines").size()).isEqualTo(4);
        }
    }

    @Test
    void the_facilitator_reads_every_partys_red_lines_on_the_deal_and_the_timeline(QueryService service) {
        JsonNode lines = deal(service, session, Session.FACILITATOR).path("redLines");
        String timeline = service.http().get(timelinePath() + "?limit=1000", "X-Actor", Session.FACILITATOR).body();

        assertThat(texts(lines, "party")).containsExactly("UA", "RU", "US", "EU");
        assertThat(texts(lines, "id")).doesNotContain(retracted);
        for (String party : PARTIES) {
            List<String> secret = secrets.get(party);
            assertThat(lines.toString()).contains(secret.get(0), secret.get(1));
            assertThat(timeline).contains(secret);
        }
        assertThat(lines.get(1).path("atRiskBy").get(0).asText()).isEqualTo(pursue);
    }

    @Test
    void others_see_that_a_red_line_was_declared_or_retracted_and_by_whom_but_not_its_text(QueryService service) {
        JsonNode timeline = service.http().get(timelinePath(), "X-Actor", "UA").json();

        List<JsonNode> redLineEvents = new ArrayList<>();
        timeline.forEach(e -> {
            if (e.path("type").asText().startsWith("RedLine")) {
                redLineEvents.add(e);
            }
        });
        assertThat(redLineEvents).extracting(e -> e.path("type").asText()).containsExactly("RedLineDeclared",
                "RedLineDeclared", "RedLineDeclared", "RedLineDeclared", "RedLineDeclared", "RedLineRetracted");
        JsonNode own = redLineEvents.get(0);
        assertThat(own.path("data").path("party").asText()).isEqualTo("UA");
        assertThat(own.path("data").has("title")).isTrue();
        assertThat(own.path("data").has("expression")).isTrue();
        for (JsonNode other : redLineEvents.subList(1, redLineEvents.size())) {
            JsonNode data = other.path("data");
            assertThat(other.path("version").asLong()).isPositive();
            assertThat(data.path("party").asText()).isIn("RU", "US", "EU");
            assertThat(data.path("redLineId").asText()).isNotBlank();
            assertThat(data.has("title")).as("title in %s", other).isFalse();
            assertThat(data.has("expression")).as("expression in %s", other).isFalse();
        }
        JsonNode europe = redLineEvents.get(3);
        assertThat(europe.path("actor").asText()).isEqualTo(Session.FACILITATOR);
        assertThat(europe.path("data").path("declaredBy").asText()).isEqualTo(Session.FACILITATOR);
        assertThat(redLineEvents.get(5).path("data").path("redLineId").asText()).isEqualTo(retracted);
    }

    @Test
    void each_viewer_has_its_own_etag_so_one_viewers_copy_is_never_confirmed_for_another(QueryService service) {
        String path = dealPath();
        long version = session.version();

        Reply observer = service.http().get(path);
        Reply ukraine = service.http().get(path, "X-Actor", "UA");
        Reply russia = service.http().get(path, "X-Actor", "RU");
        Reply facilitator = service.http().get(path, "X-Actor", Session.FACILITATOR);

        assertThat(observer.header("ETag")).contains("\"" + version + "\"");
        assertThat(ukraine.header("ETag")).contains("\"" + version + "-UA\"");
        assertThat(russia.header("ETag")).contains("\"" + version + "-RU\"");
        assertThat(facilitator.header("ETag")).contains("\"" + version + "-facilitator\"");
        for (Reply reply : List.of(observer, ukraine, russia, facilitator)) {
            assertThat(reply.header("Vary")).hasValueSatisfying(vary -> assertThat(vary).contains("X-Actor"));
        }

        Reply ukraineWithObserversTag = service.http().get(path, "X-Actor", "UA",
                "If-None-Match", observer.header("ETag").orElseThrow());
        Reply observerWithFacilitatorsTag = service.http().get(path,
                "If-None-Match", facilitator.header("ETag").orElseThrow());
        Reply ukraineUnchanged = service.http().get(path, "X-Actor", "UA",
                "If-None-Match", ukraine.header("ETag").orElseThrow());

        assertThat(ukraineWithObserversTag.status()).isEqualTo(200);
        assertThat(ukraineWithObserversTag.json().path("redLines")).hasSize(1);
        assertThat(observerWithFacilitatorsTag.status()).isEqualTo(200);
        assertThat(observerWithFacilitatorsTag.json().path("redLines")).isEmpty();
        assertThat(ukraineUnchanged.status()).isEqualTo(304);
        assertThat(ukraineUnchanged.header("Vary")).hasValueSatisfying(vary -> assertThat(vary).contains("X-Actor"));
        assertThat(service.http().get(path, "X-Actor", "press", "If-None-Match", "\"" + version + "\"").status())
                .isEqualTo(304);
    }

    /**
     * Every response, headers and body, that {@code actor} can get from the service about this negotiation: the
     * deal (also as a 304), the timeline whole and page by page, the list of negotiations, and every way of asking
     * for the analysis.
     */
    private static String everythingReadableBy(QueryService service, String actor) {
        List<String> paths = new ArrayList<>(List.of(
                dealPath(),
                timelinePath(),
                timelinePath() + "?from=2&limit=1000",
                "/api/negotiations?limit=1000",
                "/api/negotiations?status=OPEN&limit=1000",
                "/api/negotiations/" + session.id() + "/analysis",
                "/api/negotiations/" + session.id() + "/analysis?party=UA",
                "/api/negotiations/" + session.id() + "/analysis?party=RU",
                "/api/negotiations/" + session.id() + "/analysis?party=XX",
                "/api/negotiations/" + session.id(),
                "/api/negotiations/" + session.id() + "/red-lines"));
        StringBuilder everything = new StringBuilder();
        for (String path : paths) {
            everything.append(read(service, path, actor, null));
        }
        String eTag = service.http().get(dealPath(), headers(actor, null)).header("ETag").orElseThrow();
        everything.append(read(service, dealPath(), actor, eTag));
        String page = timelinePath() + "?limit=1";
        while (page != null) {
            Reply reply = service.http().get(page, headers(actor, null));
            assertThat(reply.status()).isEqualTo(200);
            everything.append(text(reply));
            page = reply.header("Link").map(RedLinePrivacyTest::next).orElse(null);
        }
        return everything.toString();
    }

    private static String read(QueryService service, String path, String actor, String ifNoneMatch) {
        Reply reply = service.http().get(path, headers(actor, ifNoneMatch));
        assertThat(reply.status()).as("GET %s as %s", path, actor).isLessThan(500);
        return text(reply);
    }

    private static String text(Reply reply) {
        return reply.response().headers().map() + "\n" + reply.body() + "\n";
    }

    private static String[] headers(String actor, String ifNoneMatch) {
        List<String> headers = new ArrayList<>();
        Optional.ofNullable(actor).ifPresent(a -> headers.addAll(List.of("X-Actor", a)));
        Optional.ofNullable(ifNoneMatch).ifPresent(t -> headers.addAll(List.of("If-None-Match", t)));
        return headers.toArray(String[]::new);
    }

    private static String next(String link) {
        Matcher m = NEXT.matcher(link);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.path(field).asText()));
        return texts;
    }

    private static String dealPath() {
        return "/api/negotiations/" + session.id() + "/deal";
    }

    private static String timelinePath() {
        return "/api/negotiations/" + session.id() + "/timeline";
    }
}
