package io.parley.support.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.io.IOException;

/**
 * How a service writes a problem from a servlet filter, where its controllers' problem handling does not reach.
 * Headers already set on the response (such as {@code WWW-Authenticate}) stay.
 */
@FunctionalInterface
public interface ProblemResponses {

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException;
}
