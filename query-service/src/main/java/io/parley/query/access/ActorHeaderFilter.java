package io.parley.query.access;

import io.parley.model.access.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Development mode: the caller is whoever {@code X-Actor} names ({@link Caller#fromActorHeader}); no header is an
 * observer. Nothing is verified, which is why this mode is for development and tests only.
 */
final class ActorHeaderFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Actor";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String actor = request.getHeader(HEADER);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(CallerAuthentication.of(Caller.fromActorHeader(actor == null ? null : actor.trim())));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
