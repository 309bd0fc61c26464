package io.parley.query.access;

import io.parley.query.support.Http;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import io.parley.query.support.WithTokens;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.parley.query.access.ReadAccessMatrixTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every party of the ukraine-2025 table hands in a red line. Ukraine's team and a journalist with an observer token
 * call every read there is, every way they can, and still learn nothing of another party's red lines; claiming to be
 * someone else with X-Actor changes nothing, because with tokens only the token says who calls.
 */
@ExtendWith(QueryServiceExtension.class)
class TokenPrivacyTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final List<String> PARTIES = List.of("UA", "RU", "US", "EU");
    private static final String UKRAINE = TestTokens.forActor("UA");
    private static final String OBSERVER = TestTokens.forActor("observer");

    private static Session session;
    /** Per party: its red line's full title and expression, and a word found only in each. */
    private static final Map<String, List<String>> secrets = new LinkedHashMap<>();

    @BeforeAll
    static void everyPartyDeclaresARedLine(@WithTokens QueryService service) {
        session = Session.openUkraine("Private red lines, with tokens");
        declare(Session.FACILITATOR, "UA", "Some formal guarantee", "deal.security_guarantee.kind != 'NONE'");
        declare("RU", "RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'");
        declare("US", "US", "No US troops on the ground", "!('US_TRIPWIRE' in deal.foreign_troops)");
        declare(Session.FACILITATOR, "EU", "No written veto over NATO", "deal.nato_written_limit == false");
        session.propose("UA", "nato_membership", "\"PURSUE\"", null);
        service.publishAndAwait(session.events());
    }

    private static void declare(String actor, String party, String title, String expression) {
        String titleWord = party + "title" + UUID.randomUUID().toString().substring(0, 8);
        String expressionWord = party + "expr" + UUID.randomUUID().toString().substring(0, 8);
        String fullTitle = title + " " + titleWord;
        String fullExpression = "(" + expression + ") && deal.territory != '" + expressionWord + "'";
        secrets.put(party, List.of(titleWord, expressionWord, fullTitle, fullExpression));
        session.declareRedLine(actor, party, fullTitle, fullExpression);
    }

    @Test
    void ukraines_token_reads_its_own_red_line_and_not_a_word_of_the_others(@WithTokens QueryService service) {
        String everything = everythingReadableWith(service, UKRAINE);

        assertThat(everything).contains(secrets.get("UA"));
        for (String other : List.of("RU", "US", "EU")) {
            assertThat(everything).as("%s's red line seen by UA", other).doesNotContain(secrets.get(other));
        }
    }

    @Test
    void an_observers_token_reads_no_red_line_text_at_all(@WithTokens QueryService service) {
        String everything = everythingReadableWith(service, OBSERVER);

        for (String party : PARTIES) {
            assertThat(everything).as("%s's red line seen by an observer", party).doesNotContain(secrets.get(party));
        }
    }

    @Test
    void x_actor_is_ignored_ukraine_claiming_to_be_the_facilitator_still_reads_only_its_own(
            @WithTokens QueryService service) {
        Reply deal = service.http().getWith(UKRAINE, dealPath(), "X-Actor", Session.FACILITATOR);
        Reply timeline = service.http().getWith(UKRAINE, timelinePath(), "X-Actor", Session.FACILITATOR);
        Reply analysis = service.http().getWith(UKRAINE, analysisPath(""), "X-Actor", Session.FACILITATOR);
        Reply noTokenButFacilitatorHeader = service.http().get(dealPath(), "X-Actor", Session.FACILITATOR);

        assertThat(ids(deal.json().path("redLines"), "party")).containsExactly("UA");
        assertThat(deal.header("ETag")).contains("\"" + session.version() + "-UA\"");
        List<String> readable = new ArrayList<>();
        timeline.json().forEach(e -> {
            if (e.path("type").asText().startsWith("RedLine") && e.path("data").has("title")) {
                readable.add(e.path("data").path("party").asText());
            }
            assertThat(e.has("subject")).isFalse();
        });
        assertThat(readable).containsExactly("UA");
        assertThat(analysis.status()).isEqualTo(403);
        assertThat(noTokenButFacilitatorHeader.status()).isEqualTo(401);
        assertThat(noTokenButFacilitatorHeader.body()).doesNotContain(secrets.get("UA"));
    }

    @Test
    void the_facilitators_token_reads_every_red_line(@WithTokens QueryService service) {
        String deal = service.http().getWith(TestTokens.forActor(Session.FACILITATOR), dealPath()).body();

        for (String party : PARTIES) {
            assertThat(deal).contains(secrets.get(party).get(0), secrets.get(party).get(1));
        }
    }

    /**
     * Every response, headers and body, that the holder of {@code token} can get about this negotiation: the deal
     * (also as a 304), the timeline whole and page by page, the list, every way of asking for the analysis, paths that
     * do not exist, and all of it again with {@code X-Actor: facilitator} and {@code X-Actor: RU}.
     */
    private static String everythingReadableWith(QueryService service, String token) {
        StringBuilder everything = new StringBuilder();
        for (String[] claim : List.of(new String[0], new String[]{"X-Actor", Session.FACILITATOR},
                new String[]{"X-Actor", "RU"})) {
            for (String path : List.of(dealPath(), timelinePath(), timelinePath() + "?from=2&limit=1000",
                    "/api/negotiations?limit=1000", "/api/negotiations?status=OPEN&limit=1000", analysisPath(""),
                    analysisPath("?party=UA"), analysisPath("?party=RU"), analysisPath("?party=XX"),
                    "/api/negotiations/" + session.id(), "/api/negotiations/" + session.id() + "/red-lines")) {
                Reply reply = service.http().getWith(token, path, claim);
                assertThat(reply.status()).as("GET %s", path).isLessThan(500);
                everything.append(text(reply));
            }
            String eTag = service.http().getWith(token, dealPath(), claim).header("ETag").orElseThrow();
            String[] conditional = concat(claim, "If-None-Match", eTag);
            everything.append(text(service.http().getWith(token, dealPath(), conditional)));
            String page = timelinePath() + "?limit=1";
            while (page != null) {
                Reply reply = service.http().getWith(token, page, claim);
                assertThat(reply.status()).isEqualTo(200);
                everything.append(text(reply));
                page = reply.header("Link").map(TokenPrivacyTest::next).orElse(null);
            }
        }
        return everything.toString();
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private static String text(Http.Reply reply) {
        return reply.response().headers().map() + "\n" + reply.body() + "\n";
    }

    private static String next(String link) {
        Matcher m = NEXT.matcher(link);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String dealPath() {
        return "/api/negotiations/" + session.id() + "/deal";
    }

    private static String timelinePath() {
        return "/api/negotiations/" + session.id() + "/timeline";
    }

    private static String analysisPath(String query) {
        return "/api/negotiations/" + session.id() + "/analysis" + query;
    }
}
