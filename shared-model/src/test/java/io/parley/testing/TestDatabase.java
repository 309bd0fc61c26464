package io.parley.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL server the tests run against: the one named by {@code NEGOTIATION_TEST_JDBC_URL} (with
 * {@code NEGOTIATION_TEST_JDBC_USER}, default {@code postgres}, and {@code NEGOTIATION_TEST_JDBC_PASSWORD}, default
 * empty) when it is set, else an embedded PostgreSQL, started on first use, once per test JVM, and stopped when the
 * JVM exits. Tests and production run the same SQL either way.
 * <p>
 * On a named server the tests share its one database, across runs too, so they never assume empty tables: every
 * negotiation a test makes has a fresh id. On the embedded server every {@link #springProperties} call gets a new,
 * empty database of its own.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "NEGOTIATION_TEST_JDBC_URL";

    private static final String EMBEDDED_USER = "postgres";
    private static final String EMBEDDED_PASSWORD = "";

    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    /**
     * How a client reaches the server.
     *
     * @param url      a database on it: the named one, or the embedded server's {@code postgres} database
     * @param embedded whether it is the embedded server of this JVM
     */
    public record Server(String url, String user, String password, boolean embedded) {

        /** What it runs on, for printed figures and messages. */
        public String description() {
            return embedded ? "embedded PostgreSQL" : "PostgreSQL (" + URL_VARIABLE + ")";
        }
    }

    /** The server the tests run on; starts the embedded one if it is that and not started yet. */
    public static Server server() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new Server(url, envOr("NEGOTIATION_TEST_JDBC_USER", "postgres"),
                    envOr("NEGOTIATION_TEST_JDBC_PASSWORD", ""), false);
        }
        return new Server(embeddedUrl("postgres"), EMBEDDED_USER, EMBEDDED_PASSWORD, true);
    }

    /**
     * {@code spring.datasource.*} properties for one application context: the named server's database as it is, or
     * on the embedded server a new empty database {@code <name>_<random>}.
     *
     * @param name a label for the database (any text; what is not a letter or digit becomes {@code _})
     */
    public static Map<String, String> springProperties(String name) {
        Server server = server();
        String url = server.embedded() ? embeddedUrl(createDatabase(server, name)) : server.url();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", url);
        props.put("spring.datasource.username", server.user());
        props.put("spring.datasource.password", server.password());
        return props;
    }

    private static String createDatabase(Server server, String label) {
        String prefix = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        // PostgreSQL keeps 63 bytes of a name.
        String name = prefix.substring(0, Math.min(prefix.length(), 50)) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on the embedded PostgreSQL", e);
        }
        return name;
    }

    private static String embeddedUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + embedded().getPort() + "/" + database;
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                // A fresh temporary data directory, deleted again by zonky's shutdown hook when it stops the server;
                // the port is a free one. Zonky runs it without fsync (-F): nothing here has to survive a crash.
                embedded = EmbeddedPostgres.builder()
                        .setCleanDataDirectory(true)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return embedded;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
