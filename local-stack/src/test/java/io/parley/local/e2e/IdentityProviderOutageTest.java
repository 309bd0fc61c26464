package io.parley.local.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both services take their keys from an identity provider that cannot be reached: a request with a token is told to
 * retry (503 with Retry-After), on the write side as on the read side; not a 500, and not a 401 that would make a
 * client throw its good token away.
 */
class IdentityProviderOutageTest {

    private static TestStack stack;
    private static Api api;

    @BeforeAll
    static void startWithAnUnreachableJwkSet() {
        stack = new TestStack("idp-outage", Map.of("PARLEY_AUTH_JWK_SET_URI", "http://127.0.0.1:1/keys"));
        api = new Api(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aWriteIsToBeRetried() {
        assertRetryLater(api.post("/api/negotiations").as("facilitator").json(Map.of("title", "any")).send());
    }

    @Test
    void aReadIsToBeRetried() {
        assertRetryLater(api.read("/api/negotiations").as("facilitator").send());
    }

    private static void assertRetryLater(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().path("type").asText()).isEqualTo("urn:parley:problem:unavailable");
    }
}
