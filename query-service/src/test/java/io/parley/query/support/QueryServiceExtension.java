package io.parley.query.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the running {@link QueryService}: one broker and one service for all test classes, because starting
 * them is the slow part; tests stay independent by using fresh negotiation ids. A parameter marked
 * {@link WithTokens} gets a second instance, with its own broker and database, that verifies bearer tokens.
 */
public final class QueryServiceExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == QueryService.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        if (parameter.isAnnotated(WithTokens.class)) {
            return store.getOrComputeIfAbsent(WithTokens.class, type -> QueryService.startWithTokens(),
                    QueryService.class);
        }
        return store.getOrComputeIfAbsent(QueryService.class, type -> QueryService.start(), QueryService.class);
    }
}
