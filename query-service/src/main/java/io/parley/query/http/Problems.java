package io.parley.query.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The problem types of this service: {@code urn:parley:problem:<code>} and a title per code. */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:parley:problem:";

    private static final Map<Integer, String> CODES = Map.of(
            400, "invalid-input",
            401, "unauthorized",
            403, "forbidden",
            404, "not-found",
            405, "method-not-allowed",
            409, "rule-violation",
            412, "stale-version",
            413, "payload-too-large",
            415, "unsupported-media-type",
            503, "unavailable");

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("invalid-input", "Invalid input"),
            Map.entry("malformed-json", "Malformed JSON"),
            Map.entry("unauthorized", "Unauthorized"),
            Map.entry("forbidden", "Forbidden"),
            Map.entry("not-found", "Not found"),
            Map.entry("method-not-allowed", "Method not allowed"),
            Map.entry("rule-violation", "Rule violation"),
            Map.entry("stale-version", "Stale version"),
            Map.entry("payload-too-large", "Payload too large"),
            Map.entry("unsupported-media-type", "Unsupported media type"),
            Map.entry("unavailable", "Service unavailable"),
            Map.entry("internal", "Internal error"));

    private Problems() {
    }

    /** The code for a status that has no more specific one: other client errors are invalid input. */
    public static String codeFor(HttpStatusCode status) {
        String code = CODES.get(status.value());
        if (code != null) {
            return code;
        }
        return status.is4xxClientError() ? "invalid-input" : "internal";
    }

    /** Gives {@code problem} the type and title of {@code code} and names the request path as its instance. */
    public static ProblemDetail shape(ProblemDetail problem, String code, String path) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(TITLES.getOrDefault(code, HttpStatus.valueOf(problem.getStatus()).getReasonPhrase()));
        if (path != null) {
            URI instance = pathUri(path);
            if (instance != null) {
                problem.setInstance(instance);
            }
        }
        return problem;
    }

    /** The request path as a URI reference; characters a client sent unencoded are percent-encoded. */
    static URI pathUri(String path) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        try {
            return URI.create(encoded.toString());
        } catch (IllegalArgumentException stillNotAUri) {
            // A stray '%' that starts no escape: name no instance rather than fail the error response.
            return null;
        }
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail, String path) {
        return shape(ProblemDetail.forStatusAndDetail(status, detail), code, path);
    }
}
