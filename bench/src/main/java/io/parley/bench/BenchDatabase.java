package io.parley.bench;

import io.parley.local.EmbeddedDatabase;
import io.parley.local.ScratchSchema;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh database for one scenario: a new schema on the PostgreSQL server named by {@code PARLEY_BENCH_JDBC_URL}
 * (else {@code NEGOTIATION_TEST_JDBC_URL}, as the tests use it; user {@code _USER}, default postgres, password
 * {@code _PASSWORD}), dropped afterwards; without one, a new schema on an embedded PostgreSQL started for the run in
 * its scratch directory, exactly as the local stack runs its own (durable: fsync and synchronous commits on).
 */
public final class BenchDatabase implements AutoCloseable {

    public enum Kind { POSTGRESQL, EMBEDDED_POSTGRESQL }

    /** The run's embedded server, started by the first scenario that needs it. */
    private static EmbeddedDatabase embedded;

    private final String url;
    private final String user;
    private final String password;
    private final ScratchSchema schema;

    private BenchDatabase(String url, String user, String password, ScratchSchema schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    public static Kind configuredKind() {
        return serverUrl() == null ? Kind.EMBEDDED_POSTGRESQL : Kind.POSTGRESQL;
    }

    private static String serverUrl() {
        for (String prefix : new String[] {"PARLEY_BENCH_JDBC", "NEGOTIATION_TEST_JDBC"}) {
            String url = System.getenv(prefix + "_URL");
            if (url != null && !url.isBlank()) {
                return url;
            }
        }
        return null;
    }

    private static String credential(String suffix, String fallback) {
        String prefix = blank(System.getenv("PARLEY_BENCH_JDBC_URL")) ? "NEGOTIATION_TEST_JDBC" : "PARLEY_BENCH_JDBC";
        String value = System.getenv(prefix + suffix);
        return blank(value) ? fallback : value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** @param name a label (letters and digits) */
    public static BenchDatabase create(BenchSettings settings, String name) {
        ScratchSchema schema = settings.database() == Kind.POSTGRESQL
                ? ScratchSchema.create(serverUrl(), credential("_USER", "postgres"), credential("_PASSWORD", ""),
                "bench", name)
                : ScratchSchema.create(embedded(settings).url("postgres"), EmbeddedDatabase.USER, "", "bench", name);
        return new BenchDatabase(schema.url(), schema.user(), schema.password(), schema);
    }

    private static synchronized EmbeddedDatabase embedded(BenchSettings settings) {
        if (embedded == null) {
            embedded = EmbeddedDatabase.start(settings.workDir().resolve("postgres"), 0,
                    settings.workDir().resolve("postgres.log"));
        }
        return embedded;
    }

    /** Stops the run's embedded server, if one was started. */
    public static synchronized void stopEmbedded() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** {@code spring.datasource.*} for a service on this database. */
    public Map<String, Object> springProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", url);
        props.put("spring.datasource.username", user);
        props.put("spring.datasource.password", password);
        return props;
    }

    /** A plain data source, a connection per use. */
    public DataSource dataSource() {
        return new DriverManagerDataSource(url, user, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        schema.close();
    }
}
