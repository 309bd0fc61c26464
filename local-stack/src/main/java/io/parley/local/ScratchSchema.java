package io.parley.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own on a PostgreSQL server, for a run (a benchmark scenario, a fault test's stack) whose tables must
 * not meet another's; dropped, with everything in it, on {@link #close}.
 *
 * @param url      the server's URL with {@code currentSchema} set to this schema
 * @param name     the schema's name
 */
public record ScratchSchema(String url, String user, String password, String name) implements AutoCloseable {

    /**
     * Creates {@code <prefix>_<label>_<8 random hex digits>} on the server at {@code serverUrl}.
     *
     * @param label any text; what is not a letter or digit becomes {@code _}
     */
    public static ScratchSchema create(String serverUrl, String user, String password, String prefix, String label) {
        String name = prefix + "_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + name + " on " + serverUrl, e);
        }
        String url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new ScratchSchema(url, user, password, name);
    }

    /** Drops the schema; one left behind (the server gone meanwhile) holds only scratch data. */
    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + name + " CASCADE");
        } catch (SQLException e) {
            // Nothing of value is lost; the caller is on its way out.
        }
    }
}
