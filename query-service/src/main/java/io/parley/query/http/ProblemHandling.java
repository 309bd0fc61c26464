package io.parley.query.http;

import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.parley.support.problem.Forbidden;
import io.parley.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * Every error this service answers is an RFC 9457 problem ({@code application/problem+json}) whose {@code type} is
 * {@code urn:parley:problem:<code>}; validation problems name the offending fields in {@code errors}.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    /** What a 503 asks the caller to wait: a database restart or fail-over takes seconds. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage(), null, request);
    }

    @ExceptionHandler(Forbidden.class)
    ResponseEntity<Object> forbidden(Forbidden e, WebRequest request) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage(), null, request);
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<Object> conflict(Conflict e, WebRequest request) {
        ResponseEntity<Object> response = problem(HttpStatus.CONFLICT, "rule-violation", e.getMessage(), null, request);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        problem.setProperty("code", e.code());
        e.facts().forEach(problem::setProperty);
        return response;
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalidInput(InvalidInput e, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", e.getMessage(), e.errors(), request);
    }

    /**
     * The projection database failed or is out of reach (a connection not had within {@code parley.db.timeout}, or
     * a transaction that could not begin): 503 with {@code Retry-After}. Nothing was changed: the only writes here
     * (the parked-record admin) run in one transaction, which the database drops with the connection.
     */
    @ExceptionHandler({DataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<Object> databaseUnavailable(RuntimeException e, WebRequest request) {
        log.warn("Database unavailable while answering {}: {}; cause: {}", path(request), e.toString(),
                NestedExceptionUtils.getMostSpecificCause(e).toString());
        ResponseEntity<Object> response = problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "the projection database cannot be reached; nothing was changed. Retry in a few seconds", null,
                request);
        ((ProblemDetail) response.getBody()).setProperty("cause", "database-unreachable");
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(response.getBody());
    }

    /** A rollback that failed after the database went away hides the failure that counts: look at that one. */
    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<Object> transactionFailed(TransactionSystemException e, WebRequest request) {
        Throwable first = e.getApplicationException();
        if (first instanceof DataAccessException || first instanceof CannotCreateTransactionException) {
            return databaseUnavailable((RuntimeException) first, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error while answering {}", path(request), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "an unexpected error occurred", null, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String message = "cannot be read as " + (ex.getRequiredType() == null
                ? "the expected type" : ex.getRequiredType().getSimpleName()) + ": " + ex.getValue();
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", name + " " + message,
                List.of(new FieldError(name, message)), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", ex.getParameterName() + " is required",
                List.of(new FieldError(ex.getParameterName(), "is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-json", "the request body is not readable JSON", null,
                request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", e.getHeaderName() + " is required",
                List.of(new FieldError(e.getHeaderName(), "is required")), request);
    }

    /** Everything Spring MVC raises itself (unknown path, wrong method, ...) gets this service's problem shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p
                : ex instanceof ErrorResponse response ? response.getBody()
                : ProblemDetail.forStatusAndDetail(statusCode, statusCode.toString());
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            problem.setDetail("there is no endpoint at this path; the API is described at /v3/api-docs");
        }
        Problems.shape(problem, Problems.codeFor(statusCode), path(request));
        // Some exceptions hand over their own headers read-only (e.g. Allow for a wrong method): copy them.
        HttpHeaders writable = new HttpHeaders();
        writable.putAll(headers);
        writable.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, problem, writable, statusCode, request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String code, String detail, List<FieldError> errors,
                                           WebRequest request) {
        ProblemDetail problem = Problems.create(status, code, detail, path(request));
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String path(WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest) {
            HttpServletRequest servlet = nativeRequest.getNativeRequest(HttpServletRequest.class);
            if (servlet != null) {
                return servlet.getRequestURI();
            }
        }
        return null;
    }
}
