package io.parley.command.access;

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
 * Header mode: the caller is whoever {@code X-Actor} names. A missing or malformed header establishes nobody; a
 * write then fails naming the header, as it always did.
 */
final class ActorHeaderFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String actor = request.getHeader(ActorHeader.NAME);
        if (ActorHeader.problem(actor).isEmpty()) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(Caller.fromActorHeader(actor), AuthMode.HEADER, null));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
