package io.parley.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A plain HTTP client for the service under test, as an outside caller would use it. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    /** The header pair that presents {@code token}: {@code Authorization: Bearer <token>}. */
    public static String[] bearer(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }

    /** GET {@code path} with a bearer token and any more header pairs. */
    public Reply getWith(String token, String path, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(bearer(token), 0, all, 0, 2);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return get(path, all);
    }

    /** GET {@code path}; {@code headers} are name, value pairs. */
    public Reply get(String path, String... headers) {
        return send("GET", path, headers);
    }

    public Reply send(String method, String path, String... headers) {
        return send(method, path, null, headers);
    }

    /** POST {@code json} to {@code path} as {@code application/json}; {@code headers} are name, value pairs. */
    public Reply post(String path, String json, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", path, json, all);
    }

    private Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int status, HttpResponse<String> response, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** Every value of a header that may come in several lines (such as Vary), joined by commas. */
        public String headerValues(String name) {
            return String.join(", ", response.headers().allValues(name));
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }
    }
}
