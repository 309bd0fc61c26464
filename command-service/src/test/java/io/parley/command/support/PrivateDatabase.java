package io.parley.command.support;

import io.parley.testing.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The database of an application context that runs its own Kafka publisher next to the shared one: a schema of its
 * own, or the two publishers would contend for one tracking token and this context's events could go to the other
 * context's broker. (On the embedded test server the context's database is its own anyway; on a server named by
 * {@code NEGOTIATION_TEST_JDBC_URL} every context shares one, and only the schema keeps them apart.)
 */
public final class PrivateDatabase {

    private final String schema;

    public PrivateDatabase(String name) {
        this.schema = name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** {@code spring.datasource.*} and {@code spring.flyway.schemas} for the context. */
    public Map<String, String> springProperties() {
        Map<String, String> database = new HashMap<>(TestDatabase.springProperties(schema));
        String url = database.get("spring.datasource.url");
        database.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        database.put("spring.flyway.schemas", schema);
        return database;
    }

    /** Removes the schema when the context closes. */
    public void drop(JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
