package io.parley.support.security;

import io.parley.support.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * When tokens cannot be checked because the identity provider (its discovery document or its keys) cannot be
 * reached, the answer is a 503 problem with {@code Retry-After}, not a 500 and not a 401 that would make clients
 * drop good tokens.
 */
final class VerifierOutage extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(VerifierOutage.class);

    private final ProblemResponses problems;

    VerifierOutage(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (AuthenticationServiceException | JwtDecoderInitializationException unreachable) {
            if (response.isCommitted()) {
                throw unreachable;
            }
            log.warn("Cannot verify a bearer token: {}", unreachable.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "tokens cannot be"
                    + " verified right now: the identity provider cannot be reached; try again shortly");
        }
    }
}
