package io.parley.command.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.command.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.StringUtils;

import java.io.IOException;

/**
 * No valid token: a 401 problem. The {@code WWW-Authenticate: Bearer ...} header is the standard one (RFC 6750),
 * naming the token's fault when there was a token; the status is 401 even for a malformed Authorization header.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    /** How Spring Security prefixes every reason a token could not be read; the reason alone says more. */
    private static final String DECODING_FAILED = "An error occurred while attempting to decode the Jwt: ";

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ObjectMapper json;

    ProblemAuthenticationEntryPoint(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        Problems.write(response, Problems.create(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, detail(failure), request),
                json);
    }

    private static String detail(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth
                && StringUtils.hasText(oauth.getError().getDescription())) {
            String description = oauth.getError().getDescription();
            return "the bearer token was refused: " + (description.startsWith(DECODING_FAILED)
                    ? description.substring(DECODING_FAILED.length()) : description);
        }
        return "a bearer token is required: send Authorization: Bearer <token>";
    }
}
