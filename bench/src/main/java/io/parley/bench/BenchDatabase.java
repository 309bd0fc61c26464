package io.parley.bench;

import io.parley.local.ScratchSchema;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database for one scenario: a new schema on the PostgreSQL server named by {@code PARLEY_BENCH_JDBC_URL}
 * (else {@code NEGOTIATION_TEST_JDBC_URL}, as the tests use it; user {@code _USER}, default postgres, password
 * {@code _PASSWORD}), dropped afterwards; without one, an H2 file database in the run's scratch directory.
 */
public final class BenchDatabase implements AutoCloseable {

    public enum Kind { POSTGRESQL, H2 }

    private final String url;
    private final String user;
    private final String password;
    /** {@code null} on H2 */
    private final ScratchSchema schema;

    private BenchDatabase(String url, String user, String password, ScratchSchema schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    public static Kind configuredKind() {
        return serverUrl() == null ? Kind.H2 : Kind.POSTGRESQL;
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
        if (settings.database() == Kind.POSTGRESQL) {
            ScratchSchema schema = ScratchSchema.create(serverUrl(), credential("_USER", "postgres"),
                    credential("_PASSWORD", ""), "bench", name);
            return new BenchDatabase(schema.url(), schema.user(), schema.password(), schema);
        }
        String label = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        Path file = settings.workDir().resolve("h2").resolve(label).toAbsolutePath();
        return new BenchDatabase("jdbc:h2:file:" + file, "sa", "", null);
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
        if (schema != null) {
            schema.close();
        }
    }
}
