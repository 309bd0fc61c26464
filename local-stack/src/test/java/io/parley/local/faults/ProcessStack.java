package io.parley.local.faults;

import io.parley.command.CommandServiceApplication;
import io.parley.local.KafkaBroker;
import io.parley.local.e2e.SystemUnderTest;
import io.parley.local.e2e.TestStack;
import io.parley.query.QueryServiceApplication;
import org.awaitility.core.ConditionTimeoutException;

import javax.sql.DataSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The system with its two services as processes of their own, so that a test can kill one outright (SIGKILL: no
 * shutdown hook, no last commit, no goodbye to the broker or the consumer group) and start it again: a real KRaft
 * broker in this JVM on a port fixed for the stack's life (temp log directory), one {@link IsolatedDatabase} that
 * both services share (each keeps its own tables and migration history), and command-service and query-service each
 * in a child JVM on this JVM's classpath. Each service keeps its HTTP port across restarts, so a restarted service
 * is where the clients expect it.
 * <p>
 * A child's output goes to {@code target/process-stack/<stack>-<service>.log}; when a start fails or times out, the
 * end of that log is in the message. Children never outlive the stack: {@link #close()} kills them, and so does a
 * shutdown hook if the test JVM exits first.
 */
public final class ProcessStack implements SystemUnderTest, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int LOG_TAIL_LINES = 60;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path kafkaDir;
    private final int kafkaPort;
    private KafkaBroker broker;
    private final IsolatedDatabase database;
    private final Service command;
    private final Service query;
    private final Thread killChildren;

    public ProcessStack(String name) {
        this.name = name;
        try {
            kafkaDir = Files.createTempDirectory("parley-" + name + "-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafkaPort = freePort();
        database = IsolatedDatabase.create(name);
        command = new Service("command", CommandServiceApplication.class, freePort());
        query = new Service("query", QueryServiceApplication.class, freePort());
        killChildren = new Thread(() -> {
            command.kill();
            query.kill();
        }, name + "-kill-children");
        Runtime.getRuntime().addShutdownHook(killChildren);
        try {
            broker = new KafkaBroker(kafkaDir, kafkaPort).start();
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

    // ------------------------------------------------------------------ faults

    /** SIGKILL on Linux: the service gets no chance to finish anything. Returns once the process is gone. */
    public void killCommand() {
        command.kill();
    }

    public void killQuery() {
        query.kill();
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

    /** Shuts the broker down; the services stay up and must cope. */
    public synchronized void stopBroker() {
        broker.close();
        broker = null;
    }

    /** A new broker on the same port and log directory: the same cluster, topics and records. */
    public synchronized void startBroker() {
        broker = new KafkaBroker(kafkaDir, kafkaPort).start();
    }

    /** Starts again whatever an earlier scenario left down (one that failed half-way), so the next finds it whole. */
    public synchronized void startWhatIsDown() {
        if (broker == null) {
            startBroker();
        }
        if (!command.running()) {
            startCommand();
        }
        if (!query.running()) {
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
        if (negotiations.isEmpty()) {
            return 0;
        }
        String sql = "SELECT COUNT(*) FROM " + table + " WHERE " + column + " IN ("
                + String.join(",", Collections.nCopies(negotiations.size(), "?")) + ")";
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
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
        command.kill();
        query.kill();
        if (broker != null) {
            broker.close();
        }
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

        private final String label;
        private final Class<?> main;
        private final int port;
        private final Path log;
        private volatile Process process;

        Service(String label, Class<?> main, int port) {
            this.label = label;
            this.main = main;
            this.port = port;
            this.log = Path.of(System.getProperty("basedir", "."), "target", "process-stack",
                    name + "-" + label + ".log");
            try {
                // A log of this stack's processes only, not of an earlier run's.
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        boolean running() {
            return process != null && process.isAlive();
        }

        synchronized void launch() {
            if (running()) {
                throw new IllegalStateException(label + "-service is already running");
            }
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(log, "---- start " + java.time.Instant.now() + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                process = new ProcessBuilder(commandLine())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + label + "-service", e);
            }
        }

        private List<String> commandLine() {
            List<String> line = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    // Three JVMs share a small machine: a quick start counts for more here than peak speed.
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Ddisable-axoniq-console-message=true",
                    "-cp", testClassPath(),
                    main.getName()));
            settings().forEach((key, value) -> line.add("--" + key + "=" + value));
            return line;
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
            try {
                await(label + "-service ready on " + url()).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(label + "-service exited with "
                                        + process.exitValue() + " while starting; the end of " + log + ":\n" + tail());
                            }
                            return ready();
                        });
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException(label + "-service was not ready within " + START_TIMEOUT
                        + "; the end of " + log + ":\n" + tail(), e);
            }
        }

        private boolean ready() {
            HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            try {
                return HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        synchronized void kill() {
            Process running = process;
            if (running == null) {
                return;
            }
            running.destroyForcibly();
            try {
                if (!running.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(label + "-service did not die within 30 s of SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            } catch (IOException | UncheckedIOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    /**
     * The test run's classpath. Surefire runs tests from a manifest-only jar but sets {@code java.class.path} to the
     * real classpath; without it a child could not find the services.
     */
    private static String testClassPath() {
        String classPath = System.getProperty("java.class.path");
        boolean hasServices = List.of(classPath.split(File.pathSeparator)).size() > 1;
        if (!hasServices) {
            throw new IllegalStateException("java.class.path is not the test classpath: " + classPath);
        }
        return classPath;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
