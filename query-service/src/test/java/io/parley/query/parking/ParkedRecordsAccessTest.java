package io.parley.query.parking;

import io.parley.query.support.Http.Reply;
import io.parley.query.support.Http;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.WithTokens;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tokens, parked records are the facilitator's business alone: without a token every admin endpoint is a 401,
 * and a party, an observer or a facilitator token limited to named negotiations gets a 403 and changes nothing.
 */
@ExtendWith(QueryServiceExtension.class)
class ParkedRecordsAccessTest {

    /** An admin request, sent with the given Authorization header pairs (none for no token). */
    private record Endpoint(String label, BiFunction<Http, String[], Reply> send) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** No record has this id, so that no request here can touch a record another test parked. */
    private static final long UNKNOWN = Long.MAX_VALUE;

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET /api/admin/parked", (http, auth) -> http.get("/api/admin/parked", auth)),
            new Endpoint("GET /api/admin/parked/{id}",
                    (http, auth) -> http.get("/api/admin/parked/" + UNKNOWN, auth)),
            new Endpoint("POST /api/admin/parked/{id}/retry",
                    (http, auth) -> http.send("POST", "/api/admin/parked/" + UNKNOWN + "/retry", auth)),
            new Endpoint("POST /api/admin/parked/retry?negotiation=",
                    (http, auth) -> http.send("POST", "/api/admin/parked/retry?negotiation=n-" + UUID.randomUUID(),
                            auth)),
            new Endpoint("POST /api/admin/parked/{id}/skip",
                    (http, auth) -> http.post("/api/admin/parked/" + UNKNOWN + "/skip",
                            "{\"reason\": \"not mine\"}", auth)));

    @Test
    void without_a_token_every_admin_endpoint_is_a_401_problem(@WithTokens QueryService service) {
        for (Endpoint endpoint : ENDPOINTS) {
            Reply reply = endpoint.send().apply(service.http(), new String[0]);
            assertThat(reply.status()).as(endpoint.label()).isEqualTo(401);
            assertThat(reply.contentType()).as(endpoint.label()).startsWith("application/problem+json");
            assertThat(reply.header("WWW-Authenticate")).as(endpoint.label()).hasValueSatisfying(
                    h -> assertThat(h).startsWith("Bearer"));
        }
    }

    @Test
    void a_party_an_observer_or_a_limited_facilitator_is_refused_403_on_every_admin_endpoint(
            @WithTokens QueryService service) {
        List<String> tokens = List.of(TestTokens.forActor("UA"), TestTokens.token("press-desk", "observer"),
                TestTokens.limitedTo("mediator", "facilitator", List.of("n-" + UUID.randomUUID())));
        for (String token : tokens) {
            for (Endpoint endpoint : ENDPOINTS) {
                Reply reply = endpoint.send().apply(service.http(), Http.bearer(token));
                assertThat(reply.status()).as(endpoint.label()).isEqualTo(403);
                assertThat(reply.json().path("type").asText()).as(endpoint.label())
                        .isEqualTo("urn:parley:problem:forbidden");
            }
        }
    }

    @Test
    void the_facilitator_token_reaches_every_admin_endpoint(@WithTokens QueryService service) {
        String[] facilitator = Http.bearer(TestTokens.forActor("facilitator"));
        List<Integer> statuses = ENDPOINTS.stream()
                .map(e -> e.send().apply(service.http(), facilitator).status()).toList();
        assertThat(statuses).containsExactly(200, 404, 404, 200, 404);
    }
}
