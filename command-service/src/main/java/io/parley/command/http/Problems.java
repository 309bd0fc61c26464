package io.parley.command.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The RFC 9457 problem bodies of every error: {@code type} is {@code urn:parley:problem:<code>}, {@code instance}
 * the request path, and {@code correlationId} the request's correlation id, so a report can be found in the logs.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:parley:problem:";

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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return decorate(problem, code, request);
    }

    /** Gives a problem Parley's type, title, instance and correlation id. */
    public static ProblemDetail decorate(ProblemDetail problem, String code, HttpServletRequest request) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(TITLES.getOrDefault(code, problem.getTitle()));
        if (request != null) {
            String path = (String) request.getAttribute("jakarta.servlet.error.request_uri");
            problem.setInstance(URI.create(path != null ? path : request.getRequestURI()));
            Object correlationId = request.getAttribute(CorrelationIdFilter.ATTRIBUTE);
            if (correlationId != null) {
                problem.setProperty("correlationId", correlationId);
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

    /** For servlet filters, which answer before Spring MVC could. */
    public static void write(HttpServletResponse response, ProblemDetail problem, ObjectMapper json) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
