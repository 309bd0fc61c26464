package io.parley.local.faults;

import io.parley.local.ScratchSchema;
import io.parley.testing.TestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own for one fault stack, reachable over TCP from this JVM and from service processes it starts:
 * a fresh schema on the tests' PostgreSQL server ({@link TestDatabase#server()}: the one named by
 * {@code NEGOTIATION_TEST_JDBC_URL}, else the embedded one). The server is a process of its own, so killing a service
 * process never loses the data, and the stored data is not in this JVM's heap.
 * <p>
 * A stack needs its own: on one database, command-services share the publisher's position, so two stacks publishing
 * to two brokers would take each other's events.
 */
public final class IsolatedDatabase implements AutoCloseable {

    private static final Pattern SERVER = Pattern.compile("//([^/:?;]+)(?::(\\d+))?/");

    private final String url;
    private final String user;
    private final String password;
    private final ScratchSchema schema;

    private IsolatedDatabase(String url, String user, String password, ScratchSchema schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** @param name a label for the schema (letters, digits and dashes) */
    public static IsolatedDatabase create(String name) {
        TestDatabase.Server server = TestDatabase.server();
        ScratchSchema schema = ScratchSchema.create(server.url(), server.user(), server.password(), "fault", name);
        return new IsolatedDatabase(schema.url(), schema.user(), schema.password(), schema);
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

    /** The database server's host, as the URL names it. */
    public String host() {
        return address().group(1);
    }

    /** The database server's port, as the URL names it (PostgreSQL's 5432 when it names none). */
    public int port() {
        String port = address().group(2);
        return port != null ? Integer.parseInt(port) : 5432;
    }

    /** The same database reached through {@code port} on this machine (e.g. a link the test can cut). */
    public String urlThrough(int port) {
        Matcher address = address();
        return url.substring(0, address.start()) + "//127.0.0.1:" + port + "/" + url.substring(address.end());
    }

    private Matcher address() {
        Matcher address = SERVER.matcher(url);
        if (!address.find()) {
            throw new IllegalStateException("no host in " + url);
        }
        return address;
    }

    /** {@code spring.datasource.*} for a service on this database. */
    public Map<String, String> springProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", url);
        props.put("spring.datasource.username", user);
        props.put("spring.datasource.password", password);
        return props;
    }

    /** A plain data source for checks from the test itself (a connection per use, no pool). */
    public DataSource dataSource() {
        return new DriverManagerDataSource(url, user, password);
    }

    /** Drops the schema. */
    @Override
    public void close() {
        schema.close();
    }
}
