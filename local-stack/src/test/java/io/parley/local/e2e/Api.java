package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testing.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A team's or facilitator's view of the two services over plain HTTP, as a script would use them. Who calls is
 * said with a bearer token: {@link Request#as(String)} uses the test token of a party, the facilitator or an observer.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String commandUrl;
    private final String queryUrl;

    Api(TestStack stack) {
        this(stack.commandUrl(), stack.queryUrl());
    }

    Api(String commandUrl, String queryUrl) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    /** A response with its body parsed as JSON (or {@code null} when empty). */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Request post(String path) {
        return new Request("POST", commandUrl + path);
    }

    /** A read on the query side; send it with a token unless it means to be anonymous. */
    Request read(String path) {
        return new Request("GET", queryUrl + path);
    }

    Reply getAs(String path, String actor) {
        return read(path).as(actor).send();
    }

    Request delete(String path) {
        return new Request("DELETE", commandUrl + path);
    }

    Reply delete(String path, String actor) {
        return delete(path).as(actor).send();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Request {
        private final String method;
        private final String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        Request(String method, String url) {
            this.method = method;
            this.url = url;
        }

        /** As {@code facilitator}, {@code observer} or a party id such as {@code UA}: that actor's test token. */
        Request as(String actor) {
            return bearer(TestTokens.forActor(actor));
        }

        Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request headers(Map<String, String> more) {
            headers.putAll(more);
            return this;
        }

        Request json(Object value) {
            return raw(value instanceof String s ? s : Api.json(value));
        }

        Request raw(String text) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Request bytes(byte[] data) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = data;
            return this;
        }

        Reply send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            try {
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> h = new LinkedHashMap<>();
                r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
                return new Reply(r.statusCode(), h, r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
