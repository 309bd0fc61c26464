package io.parley.support.database;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a service that was given no database URL, before anything else is built. Without it Spring Boot
 * would make an in-memory database of its own whenever a driver for one is on the classpath: a second instance would
 * then silently keep a second event store.
 *
 * <p>A service names the variable its users set in {@code parley.db.url-variable}; the local stack always passes a
 * URL (its embedded PostgreSQL's, or the one the user configured).
 */
public class DatabaseRequired implements EnvironmentPostProcessor, Ordered {

    static final String URL = "spring.datasource.url";
    static final String VARIABLE = "parley.db.url-variable";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String variable = environment.getProperty(VARIABLE);
        if (variable == null) {
            // Not one of Parley's services (no such setting in its configuration file).
            return;
        }
        String url = environment.getProperty(URL, "");
        if (url.isBlank()) {
            throw new NoDatabase(variable);
        }
    }

    /** After the configuration files are read: they hold both settings. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
