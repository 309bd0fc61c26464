package io.parley.local.faults;

import io.parley.local.ScratchSchema;
import io.parley.testing.TestDatabase;
import org.h2.tools.Server;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own for one fault stack, reachable over TCP from this JVM and from service processes it starts:
 * a fresh schema on the PostgreSQL server named by {@code NEGOTIATION_TEST_JDBC_URL}, else an in-memory H2 database
 * served by an H2 TCP server inside this JVM (so killing a service process never loses the data).
 * <p>
 * A stack needs its own: on one database, command-services share the publisher's position, so two stacks publishing
 * to two brokers would take each other's events.
 */
public final class IsolatedDatabase implements AutoCloseable {

    private static final Pattern SERVER = Pattern.compile("//([^/:?;]+)(?::(\\d+))?/");
    private static Server h2Server;

    private final String url;
    private final String user;
    private final String password;
    /** {@code null} on H2 */
    private final ScratchSchema schema;

    private IsolatedDatabase(String url, String user, String password, ScratchSchema schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** @param name a label for the database or schema (letters, digits and dashes) */
    public static IsolatedDatabase create(String name) {
        if (TestDatabase.isPostgres()) {
            Map<String, String> shared = TestDatabase.springProperties(name);
            ScratchSchema schema = ScratchSchema.create(shared.get("spring.datasource.url"),
                    shared.get("spring.datasource.username"), shared.get("spring.datasource.password"), "fault",
                    name);
            return new IsolatedDatabase(schema.url(), schema.user(), schema.password(), schema);
        }
        String label = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        return new IsolatedDatabase("jdbc:h2:tcp://127.0.0.1:" + h2Port() + "/mem:" + label + ";DB_CLOSE_DELAY=-1",
                "sa", "", null);
    }

    private static synchronized int h2Port() {
        if (h2Server == null) {
            try {
                // -ifNotExists lets the services create their in-memory databases through the server.
                h2Server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start the H2 TCP server", e);
            }
        }
        return h2Server.getPort();
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

    /** Drops the PostgreSQL schema; an H2 database goes with the test JVM. */
    @Override
    public void close() {
        if (schema != null) {
            schema.close();
        }
    }
}
