package io.parley.query.access;

import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.WithTokens;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.parley.query.access.ReadAccessMatrixTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A facilitator's dashboard runs in a browser on another origin. Browsers may call the service only from origins it
 * was told to allow (PARLEY_CORS_ALLOWED_ORIGINS); without that setting no origin is allowed.
 */
@ExtendWith(QueryServiceExtension.class)
class CorsTest {

    private static final String EVIL = "https://evil.example";

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_without_a_token(@WithTokens QueryService service) {
        Reply reply = preflight(service, QueryService.ALLOWED_ORIGIN, "authorization, if-none-match");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).contains(QueryService.ALLOWED_ORIGIN);
        assertThat(reply.headerValues("Access-Control-Allow-Methods")).contains("GET", "POST", "DELETE");
        assertThat(reply.headerValues("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "if-none-match");
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void a_read_from_an_allowed_origin_may_see_the_etag_and_link_headers(@WithTokens QueryService service) {
        Reply reply = service.http().getWith(TestTokens.forActor("observer"), "/api/negotiations",
                "Origin", QueryService.ALLOWED_ORIGIN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).contains(QueryService.ALLOWED_ORIGIN);
        assertThat(reply.headerValues("Access-Control-Expose-Headers"))
                .contains("ETag", "Location", "Retry-After", "Link", "X-Correlation-Id");
    }

    @Test
    void another_origin_is_refused_with_a_problem(@WithTokens QueryService service) {
        Reply preflight = preflight(service, EVIL, "authorization");
        Reply read = service.http().getWith(TestTokens.forActor("observer"), "/api/negotiations", "Origin", EVIL);

        problem(preflight, 403, "forbidden");
        problem(read, 403, "forbidden");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(read.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void a_header_the_browser_may_not_send_is_refused(@WithTokens QueryService service) {
        Reply reply = preflight(service, QueryService.ALLOWED_ORIGIN, "x-actor");

        problem(reply, 403, "forbidden");
        assertThat(reply.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void without_allowed_origins_cors_is_closed_to_every_origin(QueryService service) {
        for (String origin : new String[]{QueryService.ALLOWED_ORIGIN, EVIL, "http://localhost:3000"}) {
            Reply preflight = preflight(service, origin, "authorization");
            Reply read = service.http().get("/api/negotiations", "Origin", origin);

            assertThat(preflight.header("Access-Control-Allow-Origin")).as(origin).isEmpty();
            assertThat(preflight.header("Access-Control-Allow-Methods")).as(origin).isEmpty();
            assertThat(read.header("Access-Control-Allow-Origin")).as(origin).isEmpty();
        }
    }

    private static Reply preflight(QueryService service, String origin, String requestHeaders) {
        return service.http().send("OPTIONS", "/api/negotiations", "Origin", origin,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", requestHeaders);
    }
}
