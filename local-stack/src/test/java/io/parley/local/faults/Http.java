package io.parley.local.faults;

import io.parley.local.e2e.SystemUnderTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testing.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The two services over plain HTTP, each call with the bearer token of a test actor. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final SystemUnderTest stack;

    Http(SystemUnderTest stack) {
        this.stack = stack;
    }

    record Reply(int status, String body, HttpHeaders headers) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The service answered from its record of an earlier request with the same Idempotency-Key. */
        boolean replayed() {
            return header("Idempotent-Replayed").map("true"::equals).orElse(false);
        }

        JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem type's last part, e.g. {@code conflict} or {@code rule-violation}. */
        String problem() {
            String type = json().path("type").asText("");
            return type.substring(type.lastIndexOf(':') + 1);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply post(String path, String actor, Object body) {
        return send(postRequest(path, body), actor);
    }

    /**
     * A write that may be sent again: the same key makes the service answer a repeat with its first answer instead
     * of writing twice. Throws {@link UncheckedIOException} when the service cannot be reached or hangs up.
     */
    Reply post(String path, String actor, Object body, String idempotencyKey) {
        return send(postRequest(path, body).header("Idempotency-Key", idempotencyKey), actor);
    }

    private HttpRequest.Builder postRequest(String path, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(stack.commandUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply get(String path, String actor) {
        return send(HttpRequest.newBuilder(URI.create(stack.queryUrl() + path)).GET(), actor);
    }

    /** A GET on command-service (its reads are the operational endpoints, e.g. health). */
    Reply getFromCommand(String path, String actor) {
        return send(HttpRequest.newBuilder(URI.create(stack.commandUrl() + path)).GET(), actor);
    }

    private static Reply send(HttpRequest.Builder request, String actor) {
        request.header("Authorization", "Bearer " + TestTokens.forActor(actor)).timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
