package io.parley.support.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Header mode: the caller is whoever {@code X-Actor} names. A missing or malformed header establishes nobody: a
 * read then sees what an observer sees, a write fails naming the header. Nothing is verified, which is why this
 * mode is for development and tests only.
 */
final class ActorHeaderFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String actor = request.getHeader(ActorHeader.NAME);
        if (ActorHeader.problem(actor).isEmpty()) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(CallerAuthentication.ofActorHeader(actor));
            SecurityContextHolder.setContext(context);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
