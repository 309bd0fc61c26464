package io.parley.support.database;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a service that was given no database URL, before any bean is built. Without it Spring Boot would
 * make an in-memory database of its own whenever a driver for one is on the classpath: a second instance would then
 * silently keep a second event store.
 *
 * <p>It checks once the application context is prepared: every property source is in place by then, those a test
 * adds to the context ({@code @DynamicPropertySource}) included. A service names the variable its users set in
 * {@code parley.db.url-variable}; the local stack always passes a URL (its embedded PostgreSQL's, or the one the user
 * configured).
 */
public class DatabaseRequired implements ApplicationListener<ApplicationPreparedEvent> {

    static final String URL = "spring.datasource.url";
    static final String VARIABLE = "parley.db.url-variable";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    static void check(Environment environment) {
        String variable = environment.getProperty(VARIABLE);
        if (variable == null) {
            // Not one of Parley's services (no such setting in its configuration file).
            return;
        }
        if (environment.getProperty(URL, "").isBlank()) {
            throw new NoDatabase(variable);
        }
    }
}
