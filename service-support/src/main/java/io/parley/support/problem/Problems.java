package io.parley.support.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The RFC 9457 problem bodies of every error of both services: {@code type} is {@code urn:parley:problem:<code>},
 * {@code title} the code's, {@code instance} the request path, and {@code correlationId} the request's correlation id
 * where the service gives one, so a report can be found in the logs.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:parley:problem:";
    /** The request attribute that holds the request's correlation id, when the service sets one. */
    public static final String CORRELATION_ID = "io.parley.support.problem.correlationId";

    public static final String INVALID_INPUT = "invalid-input";
    public static final String MALFORMED_JSON = "malformed-json";
    public static final String NOT_FOUND = "not-found";
    public static final String RULE_VIOLATION = "rule-violation";
    public static final String CONFLICT = "conflict";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String STALE_VERSION = "stale-version";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency-key-reused";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String UNAVAILABLE = "unavailable";
    public static final String INTERNAL = "internal";

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry(INVALID_INPUT, "Invalid input"),
            Map.entry(MALFORMED_JSON, "Malformed JSON"),
            Map.entry(NOT_FOUND, "Not found"),
            Map.entry(RULE_VIOLATION, "The rules of the negotiation refuse this"),
            Map.entry(CONFLICT, "Another request changed the negotiation at the same time"),
            Map.entry(UNAUTHORIZED, "Unauthorized"),
            Map.entry(FORBIDDEN, "Not allowed for this caller"),
            Map.entry(STALE_VERSION, "The negotiation has moved on"),
            Map.entry(IDEMPOTENCY_KEY_REUSED, "Idempotency-Key already used for another request"),
            Map.entry(PAYLOAD_TOO_LARGE, "Request body too large"),
            Map.entry(METHOD_NOT_ALLOWED, "Method not allowed"),
            Map.entry(UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
            Map.entry(RATE_LIMITED, "Too many writes"),
            Map.entry(UNAVAILABLE, "Service unavailable"),
            Map.entry(INTERNAL, "Internal error"));

    private Problems() {
    }

    public static ProblemDetail create(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        return decorate(ProblemDetail.forStatusAndDetail(status, detail), code, request);
    }

    /** A problem for {@code path}, where no request is at hand. */
    public static ProblemDetail create(HttpStatusCode status, String code, String detail, String path) {
        return shape(ProblemDetail.forStatusAndDetail(status, detail), code, path);
    }

    /** Gives a problem Parley's type, title, instance (the path the client asked for) and correlation id. */
    public static ProblemDetail decorate(ProblemDetail problem, String code, HttpServletRequest request) {
        if (request == null) {
            return shape(problem, code, null);
        }
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        shape(problem, code, forwarded instanceof String path ? path : request.getRequestURI());
        Object correlationId = request.getAttribute(CORRELATION_ID);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    /** Gives {@code problem} the type and title of {@code code} and names {@code path} as its instance. */
    public static ProblemDetail shape(ProblemDetail problem, String code, String path) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        HttpStatus known = HttpStatus.resolve(problem.getStatus());
        problem.setTitle(TITLES.getOrDefault(code, known != null ? known.getReasonPhrase() : problem.getTitle()));
        if (path != null) {
            URI instance = pathUri(path);
            if (instance != null) {
                problem.setInstance(instance);
            }
        }
        return problem;
    }

    /** The problem code for a status that has no more specific cause. */
    public static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return status.is5xxServerError() ? INTERNAL : INVALID_INPUT;
        }
        return switch (known) {
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case PAYLOAD_TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case FORBIDDEN -> FORBIDDEN;
            case CONFLICT -> CONFLICT;
            case PRECONDITION_FAILED -> STALE_VERSION;
            case TOO_MANY_REQUESTS -> RATE_LIMITED;
            case SERVICE_UNAVAILABLE -> UNAVAILABLE;
            default -> status.is5xxServerError() ? INTERNAL : INVALID_INPUT;
        };
    }

    /** For servlet filters, which answer before Spring MVC could; headers already set (WWW-Authenticate) stay. */
    public static void write(HttpServletResponse response, ProblemDetail problem, ObjectMapper json) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Problems written from servlet filters (security, CORS), as {@link #write} writes them. */
    public static ProblemResponses responses(ObjectMapper json) {
        return (request, response, status, code, detail) -> write(response, create(status, code, detail, request), json);
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
}
