package io.parley.local.faults;

import io.parley.local.Ports;
import io.parley.command.CommandServiceApplication;
import io.parley.local.e2e.SystemUnderTest;
import io.parley.local.e2e.TestStack;
import io.parley.query.QueryServiceApplication;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system with the broker and each service as processes of their own, so that a test can kill one outright
 * (SIGKILL: no shutdown hook, no last commit, no goodbye to the broker or the consumer group) and start it again: a
 * real KRaft broker in a child JVM on a port and log directory fixed for the stack's life, one {@link IsolatedDatabase}
 * that both services share (each keeps its own tables and migration history), and command-service and query-service
 * each in a child JVM. Each keeps its port across restarts, so a restarted one is where the clients expect it.
 * <p>
 * A child's output goes to {@code target/process-stack/<stack>-<name>.log}; when a start fails or times out, the end
 * of that log is in the message. Children never outlive the stack: {@link #close()} kills them, and so does a
 * shutdown hook if the test JVM exits first.
 */
public final class ProcessStack implements SystemUnderTest, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path kafkaDir;
    private final int kafkaPort;
    private final ChildJvm broker;
    private final IsolatedDatabase database;
    private final Service command;
    private final Service query;
    private final Thread killChildren;

    public ProcessStack(String name) {
        try {
            kafkaDir = Files.createTempDirectory("parley-" + name + "-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafkaPort = Ports.freeLoopbackPort();
        broker = new ChildJvm("the Kafka broker", logOf(name, "kafka"));
        database = IsolatedDatabase.create(name);
        command = new Service(name, "command", CommandServiceApplication.class, Ports.freeLoopbackPort());
        query = new Service(name, "query", QueryServiceApplication.class, Ports.freeLoopbackPort());
        killChildren = new Thread(() -> {
            command.jvm.kill();
            query.jvm.kill();
            broker.kill();
        }, name + "-kill-children");
        Runtime.getRuntime().addShutdownHook(killChildren);
        try {
            startBroker();
            // Both JVMs boot at the same time; each is awaited after.
            command.launch();
            query.launch();
            command.awaitReady();
            query.awaitReady();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static Path logOf(String stack, String child) {
        return Path.of(System.getProperty("basedir", "."), "target", "process-stack", stack + "-" + child + ".log");
    }

    // ------------------------------------------------------------------ faults

    /** SIGKILL on Linux: the service gets no chance to finish anything. Returns once the process is gone. */
    public void killCommand() {
        command.jvm.kill();
    }

    public void killQuery() {
        query.jvm.kill();
    }

    /** Starts command-service again on the same port, database and broker; returns once it is ready. */
    public void startCommand() {
        command.launch();
        command.awaitReady();
    }

    public void startQuery() {
        query.launch();
        query.awaitReady();
    }

    /** Shuts the broker down in order (SIGTERM); the services stay up and must cope. */
    public void stopBroker() {
        broker.stop(Duration.ofSeconds(60));
    }

    /** SIGKILL to the broker's process: what it had not written out is in the page cache, which a kill leaves. */
    public void killBroker() {
        broker.kill();
    }

    /** A new broker process on the same port and log directory: the same cluster, topics and records. */
    public void startBroker() {
        broker.launch(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), BrokerProcess.class,
                List.of(kafkaDir.toString(), String.valueOf(kafkaPort)), Map.of());
        broker.awaitReady(START_TIMEOUT, this::brokerSaysReady);
    }

    /** The broker's latest start printed that it answers. */
    private boolean brokerSaysReady() throws IOException {
        String log = Files.readString(broker.log());
        return log.substring(log.lastIndexOf("---- start")).contains(BrokerProcess.READY);
    }

    /** Starts again whatever an earlier scenario left down (one that failed half-way), so the next finds it whole. */
    public synchronized void startWhatIsDown() {
        if (!broker.running()) {
            startBroker();
        }
        if (!command.jvm.running()) {
            startCommand();
        }
        if (!query.jvm.running()) {
            startQuery();
        }
    }

    // ------------------------------------------------------------------ where things are

    @Override
    public String commandUrl() {
        return command.url();
    }

    @Override
    public String queryUrl() {
        return query.url();
    }

    @Override
    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    @Override
    public DataSource commandDatabase() {
        return database.dataSource();
    }

    /** Events of these negotiations in the event store. */
    public long storedEvents(Collection<String> negotiations) {
        return count("domainevententry", "aggregateIdentifier", negotiations);
    }

    /** Events of these negotiations the query side has applied (its timeline holds one entry per event). */
    public long projectedEvents(Collection<String> negotiations) {
        return count("timeline_entry", "negotiation_id", negotiations);
    }

    private long count(String table, String column, Collection<String> negotiations) {
        return count(database.dataSource(), table, column, negotiations);
    }

    /** Rows of these negotiations in a table of this database. */
    static long count(DataSource db, String table, String column, Collection<String> negotiations) {
        if (negotiations.isEmpty()) {
            return 0;
        }
        String sql = "SELECT COUNT(*) FROM " + table + " WHERE " + column + " IN ("
                + String.join(",", Collections.nCopies(negotiations.size(), "?")) + ")";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (String negotiation : negotiations) {
                s.setString(i++, negotiation);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count " + table, e);
        }
    }

    @Override
    public void close() {
        command.jvm.kill();
        query.jvm.kill();
        broker.stop(Duration.ofSeconds(60));
        database.close();
        try (var paths = Files.walk(kafkaDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killChildren);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway, and finds nothing left to kill.
        }
    }

    // ------------------------------------------------------------------ one service process

    private final class Service {

        private final Class<?> main;
        private final int port;
        private final ChildJvm jvm;

        Service(String stack, String label, Class<?> main, int port) {
            this.main = main;
            this.port = port;
            this.jvm = new ChildJvm(label + "-service", logOf(stack, label));
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        void launch() {
            List<String> arguments = new ArrayList<>();
            settings().forEach((key, value) -> arguments.add("--" + key + "=" + value));
            // Three JVMs share a small machine: a quick start counts for more here than peak speed.
            jvm.launch(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Ddisable-axoniq-console-message=true"), main, arguments, Map.of());
        }

        private Map<String, Object> settings() {
            Map<String, Object> settings = new LinkedHashMap<>(database.springProperties());
            settings.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
            settings.put("server.address", "127.0.0.1");
            settings.put("server.port", port);
            settings.put("management.endpoint.health.probes.enabled", "true");
            settings.putAll(TestStack.jwtTrustingTestTokens());
            // The load comes from a handful of test accounts far faster than any person types.
            settings.put("PARLEY_WRITE_RATE_PER_MINUTE", "1000000");
            settings.put("PARLEY_WRITE_BURST", "100000");
            return settings;
        }

        /** Ready to serve: answers its readiness probe, or fails with what the process wrote. */
        void awaitReady() {
            jvm.awaitReady(START_TIMEOUT, () -> ChildJvm.ready(url()));
        }
    }
}
