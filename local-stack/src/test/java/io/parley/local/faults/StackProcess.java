package io.parley.local.faults;

import io.parley.local.EmbeddedDatabase;
import io.parley.local.LocalStack;
import io.parley.local.e2e.SystemUnderTest;
import io.parley.testing.TestTokens;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The local stack as {@code ./run.sh} runs it: one JVM ({@link LocalStack}'s main) with its embedded broker and
 * services, and the embedded PostgreSQL it starts as a process of its own, all on one data directory. The test can
 * kill it outright and start it again on the same directory and ports.
 *
 * <p>Two ways to die: {@link #killStack()} kills the stack's JVM (SIGKILL), and the server it started lives on until
 * the next start stops it, as when a user kills {@code ./run.sh}; {@link #killStackAndDatabase()} kills the JVM and
 * the PostgreSQL server together, so the next start recovers the database from its write-ahead log, as after the
 * whole machine lost power (short of the disk's own cache).
 *
 * <p>The services trust the test run's key (so {@link Http}'s test tokens work) and allow the test's write rate; in
 * every other way the stack runs on its defaults. Its output goes to {@code target/stack-process/<name>.log}.
 */
final class StackProcess implements SystemUnderTest, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final Path log;
    private final int kafkaPort = freePort();
    private final int commandPort = freePort();
    private final int queryPort = freePort();
    private final int postgresPort = freePort();
    private final Thread killOnExit;
    private volatile Process process;

    StackProcess(String name) {
        try {
            dataDir = Files.createTempDirectory("parley-" + name + "-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log = Path.of(System.getProperty("basedir", "."), "target", "stack-process", name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        killOnExit = new Thread(this::killStackAndDatabase, name + "-kill-stack");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the stack and returns once both services are ready; the time it took. */
    Duration start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the stack is already running");
        }
        long started = System.nanoTime();
        try {
            Files.writeString(log, "---- start " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", testClassPath(), LocalStack.class.getName()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            // The defaults, but for what this machine's own settings could change.
            env.keySet().removeIf(variable -> variable.startsWith("PARLEY_"));
            env.put("PARLEY_DATA_DIR", dataDir.toString());
            env.put("PARLEY_KAFKA_PORT", String.valueOf(kafkaPort));
            env.put("PARLEY_COMMAND_PORT", String.valueOf(commandPort));
            env.put("PARLEY_QUERY_PORT", String.valueOf(queryPort));
            env.put("PARLEY_POSTGRES_PORT", String.valueOf(postgresPort));
            env.put("PARLEY_AUTH_PUBLIC_KEY_LOCATION", TestTokens.publicKeyLocation());
            // The load comes from a handful of test accounts far faster than any person types.
            env.put("PARLEY_WRITE_RATE_PER_MINUTE", "1000000");
            env.put("PARLEY_WRITE_BURST", "100000");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stack", e);
        }
        awaitReady();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL to the stack's JVM; returns once it is gone. Its PostgreSQL server is left running. */
    void killStack() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the stack did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL to the stack's JVM and to its PostgreSQL server at once; returns once the server is gone. */
    void killStackAndDatabase() {
        Optional<ProcessHandle> server = postgresServer();
        server.ifPresent(ProcessHandle::destroyForcibly);
        killStack();
        server.ifPresent(s -> s.onExit().join());
    }

    /** The stack's PostgreSQL server, while it runs. */
    Optional<ProcessHandle> postgresServer() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Path log() {
        return log;
    }

    @Override
    public String commandUrl() {
        return "http://127.0.0.1:" + commandPort;
    }

    @Override
    public String queryUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    @Override
    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    @Override
    public DataSource commandDatabase() {
        return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + postgresPort + "/"
                + EmbeddedDatabase.COMMAND, EmbeddedDatabase.USER, "");
    }

    /** Events of these negotiations in the event store. */
    long storedEvents(Collection<String> negotiations) {
        if (negotiations.isEmpty()) {
            return 0;
        }
        String sql = "SELECT COUNT(*) FROM domainevententry WHERE aggregateIdentifier IN ("
                + String.join(",", Collections.nCopies(negotiations.size(), "?")) + ")";
        try (var c = commandDatabase().getConnection(); var s = c.prepareStatement(sql)) {
            int i = 1;
            for (String negotiation : negotiations) {
                s.setString(i++, negotiation);
            }
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot count the stored events", e);
        }
    }

    /** Stops the stack as Ctrl-C does (its orderly shutdown), then removes the data directory. */
    @Override
    public void close() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            try {
                if (!running.waitFor(60, TimeUnit.SECONDS)) {
                    killStackAndDatabase();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A server left by a kill at the very end.
        postgresServer().ifPresent(server -> {
            server.destroy();
            server.onExit().join();
        });
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway, and finds nothing left to kill.
        }
    }

    private void awaitReady() {
        try {
            await("the stack ready on " + commandUrl() + " and " + queryUrl()).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the stack exited with " + process.exitValue()
                                    + " while starting; the end of " + log + ":\n" + tail());
                        }
                        return ready(commandUrl()) && ready(queryUrl());
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the stack was not ready within " + START_TIMEOUT + "; the end of " + log
                    + ":\n" + tail(), e);
        }
    }

    private static boolean ready(String url) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
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

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The test run's classpath (Surefire's manifest-only jar hides it from the child otherwise). */
    private static String testClassPath() {
        String classPath = System.getProperty("java.class.path");
        if (new ArrayList<>(List.of(classPath.split(File.pathSeparator))).size() < 2) {
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
