package io.parley.query.access;

import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import io.parley.query.support.WithTokens;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.UUID;

import static io.parley.query.access.ReadAccessMatrixTest.ids;
import static io.parley.query.access.ReadAccessMatrixTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ukraine's delegation to the Istanbul round gets a token for that negotiation only. It reads Istanbul; on the Geneva
 * negotiation, which also has Ukraine at the table, it is refused before anything is looked up, and the list of
 * negotiations shows it Istanbul alone. The same holds for a facilitator's limited token.
 */
@ExtendWith(QueryServiceExtension.class)
class LimitedTokensTest {

    private static Session istanbul;
    private static Session geneva;
    private static String ukraineInIstanbul;

    @BeforeAll
    static void twoNegotiationsWithUkraineAtTheTable(@WithTokens QueryService service) {
        istanbul = Session.openUkraine("Istanbul round");
        istanbul.declareRedLine("UA", "Some formal guarantee", "deal.security_guarantee.kind != 'NONE'");
        geneva = Session.openUkraine("Geneva round");
        geneva.declareRedLine("UA", "No written veto", "deal.nato_written_limit == false");
        service.publishAndAwait(istanbul.events());
        service.publishAndAwait(geneva.events());
        ukraineInIstanbul = TestTokens.limitedTo("team-ua", "party:UA", List.of(istanbul.id()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deal", "timeline", "analysis", "analysis?party=UA", "timeline?from=1&limit=5"})
    void a_token_limited_to_istanbul_is_forbidden_on_geneva(String read, @WithTokens QueryService service) {
        Reply reply = service.http().getWith(ukraineInIstanbul, "/api/negotiations/" + geneva.id() + "/" + read);

        assertThat(problem(reply, 403, "forbidden").path("detail").asText()).contains("limited", geneva.id());
        assertThat(reply.body()).doesNotContain("No written veto");
    }

    @Test
    void on_its_own_negotiation_the_limited_token_reads_as_its_party(@WithTokens QueryService service) {
        Reply deal = service.http().getWith(ukraineInIstanbul, "/api/negotiations/" + istanbul.id() + "/deal");
        Reply timeline = service.http().getWith(ukraineInIstanbul, "/api/negotiations/" + istanbul.id() + "/timeline");

        assertThat(deal.status()).isEqualTo(200);
        assertThat(ids(deal.json().path("redLines"), "title")).containsExactly("Some formal guarantee");
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.json()).hasSize(istanbul.events().size());
    }

    @Test
    void the_list_shows_only_the_negotiations_the_token_names(@WithTokens QueryService service) {
        Reply limited = service.http().getWith(ukraineInIstanbul, "/api/negotiations?limit=1000");
        Reply unlimited = service.http().getWith(TestTokens.forActor("UA"), "/api/negotiations?limit=1000");
        Reply namesNothing = service.http().getWith(
                TestTokens.limitedTo("team-ua", "party:UA", List.of()), "/api/negotiations?limit=1000");

        assertThat(ids(limited.json(), "id")).containsExactly(istanbul.id());
        assertThat(ids(unlimited.json(), "id")).contains(istanbul.id(), geneva.id());
        assertThat(namesNothing.status()).isEqualTo(200);
        assertThat(namesNothing.json()).isEmpty();
    }

    @Test
    void a_limited_token_cannot_learn_whether_another_negotiation_exists(@WithTokens QueryService service) {
        String facilitatorInIstanbul = TestTokens.limitedTo("facilitator", "facilitator", List.of(istanbul.id()));
        String unknown = "never-opened-" + UUID.randomUUID();

        for (String read : List.of("deal", "timeline", "analysis")) {
            problem(service.http().getWith(facilitatorInIstanbul, "/api/negotiations/" + unknown + "/" + read),
                    403, "forbidden");
            problem(service.http().getWith(facilitatorInIstanbul, "/api/negotiations/" + geneva.id() + "/" + read),
                    403, "forbidden");
        }
        assertThat(service.http().getWith(facilitatorInIstanbul,
                "/api/negotiations/" + istanbul.id() + "/analysis").status()).isEqualTo(200);
    }
}
