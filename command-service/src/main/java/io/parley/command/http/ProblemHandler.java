package io.parley.command.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.parley.command.access.RateLimited;
import io.parley.model.negotiation.NotPermitted;
import io.parley.model.negotiation.RuleViolation;
import io.parley.model.negotiation.StaleVersion;
import io.parley.model.negotiation.UnknownRedLine;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.parley.support.problem.Forbidden;
import io.parley.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Turns every failure into an RFC 9457 problem ({@link Problems}): the domain's refusals keep their meaning
 * ({@link InvalidInput} 400, {@link NotPermitted} 403, {@link UnknownRedLine} 404, {@link RuleViolation} 409,
 * {@link StaleVersion} 412), a caller over its write rate gets 429 ({@link RateLimited}), an event store out of
 * reach is a 503 with {@code Retry-After} ({@link DatabaseOutage}), JSON that cannot be read names the field, and
 * nothing unexpected leaks a stack trace.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    /** What a 503 asks the caller to wait: a database restart or fail-over takes seconds. */
    static final long RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalidInput(InvalidInput e, HttpServletRequest request) {
        return invalid(e.errors(), e.getMessage(), request);
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation e, HttpServletRequest request) {
        ProblemDetail problem = Problems.create(HttpStatus.CONFLICT, Problems.RULE_VIOLATION, e.getMessage(), request);
        problem.setProperty("code", e.code());
        return answer(problem);
    }

    @ExceptionHandler(StaleVersion.class)
    ResponseEntity<Object> staleVersion(StaleVersion e, HttpServletRequest request) {
        ProblemDetail problem = Problems.create(HttpStatus.PRECONDITION_FAILED, Problems.STALE_VERSION,
                e.getMessage() + "; read it again and retry with If-Match: \"" + e.actual() + "\"", request);
        problem.setProperty("currentVersion", e.actual());
        problem.setProperty("expectedVersion", e.expected());
        return answer(problem);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e, HttpServletRequest request) {
        return answer(Problems.create(HttpStatus.NOT_FOUND, Problems.NOT_FOUND,
                "there is no negotiation " + e.getAggregateIdentifier(), request));
    }

    @ExceptionHandler(UnknownRedLine.class)
    ResponseEntity<Object> unknownRedLine(UnknownRedLine e, HttpServletRequest request) {
        return answer(Problems.create(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, e.getMessage(), request));
    }

    /** Refused by the controller ({@link Forbidden}) or by the rules of the table ({@link NotPermitted}). */
    @ExceptionHandler({Forbidden.class, NotPermitted.class})
    ResponseEntity<Object> forbidden(RuntimeException e, HttpServletRequest request) {
        return answer(Problems.create(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, e.getMessage(), request));
    }

    /** Nothing ran: the caller may retry after the time given in {@code Retry-After}. */
    @ExceptionHandler(RateLimited.class)
    ResponseEntity<Object> rateLimited(RateLimited e, HttpServletRequest request) {
        ProblemDetail problem = Problems.create(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, e.getMessage(),
                request);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem);
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ResponseEntity<Object> idempotencyKeyReused(IdempotencyKeyReused e, HttpServletRequest request) {
        return answer(Problems.create(HttpStatus.UNPROCESSABLE_ENTITY, Problems.IDEMPOTENCY_KEY_REUSED, e.getMessage(),
                request));
    }

    /** Another writer appended to the same negotiation first (or held the same row): the caller may retry. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class,
            DataIntegrityViolationException.class, PessimisticLockingFailureException.class})
    ResponseEntity<Object> conflict(RuntimeException e, HttpServletRequest request) {
        log.info("Concurrent write refused: {}", e.toString());
        ProblemDetail problem = Problems.create(HttpStatus.CONFLICT, Problems.CONFLICT,
                "another request changed this negotiation at the same time; nothing was written, read it again and retry",
                request);
        problem.setProperty("code", "concurrent-write");
        return answer(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        Optional<DatabaseOutage> outage = DatabaseOutage.of(e);
        if (outage.isPresent()) {
            return unavailable(outage.get(), e, request);
        }
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(Problems.create(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL,
                "an unexpected error occurred; it was logged under the correlation id", request));
    }

    /**
     * The event store is out of reach: 503 with {@code Retry-After}, and a detail that says what became of the
     * request. {@code outcome} is {@code not-written} when no connection could be had, {@code unknown} when one broke
     * while in use (the commit may have landed): an {@code Idempotency-Key} makes the retry safe either way.
     */
    private ResponseEntity<Object> unavailable(DatabaseOutage outage, Exception e, HttpServletRequest request) {
        log.warn("Event store unavailable ({}) for {} {}: {}; cause: {}", outage, request.getMethod(),
                request.getRequestURI(), e.toString(), NestedExceptionUtils.getMostSpecificCause(e).toString());
        String detail = switch (outage) {
            case NOT_CONNECTED -> "the event store cannot be reached; nothing was written. Retry in a few seconds";
            case BROKEN -> "the connection to the event store broke while this request was being written, so it may"
                    + " or may not have been stored. Retry in a few seconds with the same Idempotency-Key to get the"
                    + " first answer; without one, read the negotiation before you retry";
        };
        ProblemDetail problem = Problems.create(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, detail, request);
        problem.setProperty("cause", "database-unreachable");
        problem.setProperty("outcome", outage == DatabaseOutage.NOT_CONNECTED ? "not-written" : "unknown");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return invalid(List.of(new FieldError(path(unknown), "is not a field of this request; known fields are "
                    + unknown.getKnownPropertyIds())), null, servletRequest);
        }
        if (cause instanceof ValueInstantiationException bad) {
            return invalid(List.of(new FieldError(path(bad), "is not valid here: it contains a null or a value of "
                    + "the wrong kind")), null, servletRequest);
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return invalid(List.of(new FieldError(path(mismatch), mustBe(mismatch.getTargetType()))), null, servletRequest);
        }
        String detail = cause instanceof JsonProcessingException json
                ? "the body is not well-formed JSON: " + json.getOriginalMessage()
                : "a JSON body is required";
        return answer(Problems.create(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON, detail, servletRequest));
    }

    /** Everything Spring MVC itself refuses (404, 405, 415, ...) gets Parley's problem type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given ? given
                : ex instanceof ErrorResponse spring ? spring.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale())
                : ProblemDetail.forStatusAndDetail(statusCode, "the request could not be processed");
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            Problems.decorate(problem, Problems.codeFor(statusCode), servletRequest(request));
        }
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    private ResponseEntity<Object> invalid(List<FieldError> errors, String detail, HttpServletRequest request) {
        String summary = detail != null ? detail
                : errors.get(0).field() + ": " + errors.get(0).message();
        ProblemDetail problem = Problems.create(HttpStatus.BAD_REQUEST, Problems.INVALID_INPUT, summary, request);
        problem.setProperty("errors", errors);
        return answer(problem);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class)
                : null;
    }

    /** The JSON path of the failing value, e.g. {@code parties[0].id}; {@code body} for the whole body. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String mustBe(Class<?> type) {
        if (type == null) {
            return "has the wrong JSON type";
        }
        if (type.isEnum()) {
            return "must be one of " + List.of(type.getEnumConstants());
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be a JSON object";
    }
}
