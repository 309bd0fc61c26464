package io.parley.support.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.time.Duration;

/**
 * How long anything waits for the database ({@code parley.db.timeout}, {@code PARLEY_COMMAND_DB_TIMEOUT} or {@code PARLEY_QUERY_DB_TIMEOUT}): a request
 * during an outage must answer 503 soon, not after Hikari's default 30 s.
 * <ul>
 * <li>the pool's connection timeout: a request waits this long for a connection, then fails;</li>
 * <li>its validation timeout (at most 1 s): a pooled connection whose server went away is found dead quickly;</li>
 * <li>a connection that failed with a connection error leaves the pool, on H2 as on PostgreSQL;</li>
 * <li>on PostgreSQL, the driver's {@code connectTimeout} and {@code socketTimeout}: a new connection, or a statement
 * whose server stopped answering (a network that drops packets rather than refusing them), gives up after this
 * long too. No statement of this service takes seconds; a long migration would need a longer one (or the URL's own
 * {@code socketTimeout}, which is kept). H2 has no such settings and fails a broken connection at once.</li>
 * </ul>
 */
@AutoConfiguration
@ConditionalOnClass(HikariDataSource.class)
public class DatabaseTimeouts {

    public static final String PROPERTY = "parley.db.timeout";
    private static final Duration DEFAULT = Duration.ofSeconds(5);
    /** Hikari refuses anything shorter. */
    private static final Duration SHORTEST = Duration.ofMillis(250);

    @Bean
    static BeanPostProcessor databaseTimeoutsOnThePool(Environment environment) {
        return new PoolTimeouts(Binder.get(environment).bind(PROPERTY, Duration.class).orElse(DEFAULT));
    }

    /** Runs after Boot bound {@code spring.datasource.hikari.*}, before anything took a connection. */
    private record PoolTimeouts(Duration timeout) implements BeanPostProcessor, Ordered {

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof HikariDataSource pool) {
                apply(pool, timeout);
            }
            return bean;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static void apply(HikariDataSource pool, Duration timeout) {
        long millis = Math.max(timeout.toMillis(), SHORTEST.toMillis());
        pool.setConnectionTimeout(millis);
        // Below the connection timeout, or Hikari ignores it.
        pool.setValidationTimeout(Math.max(SHORTEST.toMillis(), Math.min(1000, millis / 2)));
        // Hikari drops a connection after an error only for SQLSTATE class 08 (and a few vendor codes): H2 over TCP
        // reports a lost server as 90067 or 90121, and the pool would hand the dead connection out again for good.
        pool.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public Override adjudicate(SQLException e) {
                return e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                        ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
            }
        });
        String url = pool.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
            if (!url.contains("connectTimeout=")) {
                pool.addDataSourceProperty("connectTimeout", seconds);
            }
            if (!url.contains("socketTimeout=")) {
                pool.addDataSourceProperty("socketTimeout", seconds);
            }
        }
    }
}
