package io.parley.support.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller (the servlet container refused the request, or a filter failed) are
 * forwarded to {@code /error}; this answers them as problems too, without the default page or any stack trace.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code instanceof Integer c && c >= 400 && c < 600
                ? HttpStatusCode.valueOf(c) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError()
                ? "an unexpected error occurred"
                : HttpStatus.resolve(status.value()) == null ? "the request was refused"
                : "the request was refused: " + HttpStatus.valueOf(status.value()).getReasonPhrase();
        ProblemDetail problem = Problems.create(status, Problems.codeFor(status), detail, request);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
