package io.parley.local.faults;

import io.parley.local.Ports;
import io.parley.local.EmbeddedDatabase;
import io.parley.local.LocalStack;
import io.parley.local.e2e.SystemUnderTest;
import io.parley.testing.TestTokens;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack as {@code ./run.sh} runs it: one JVM ({@link LocalStack}'s main) with its embedded broker and
 * services, and the embedded PostgreSQL it starts as a process of its own, all on one data directory. The test can
 * kill it outright and start it again on the same directory and ports.
 *
 * <p>Two ways to die: {@link #killStack()} kills the stack's JVM (SIGKILL), and the server it started lives on until
 * the next start stops it, as when a user kills {@code ./run.sh}; {@link #killStackAndDatabase()} kills the JVM and
 * the PostgreSQL server together, so the next start recovers the database from its write-ahead log.
 *
 * <p>The services trust the test run's key (so {@link Http}'s test tokens work) and allow the test's write rate; in
 * every other way the stack runs on its defaults. Its output goes to {@code target/stack-process/<name>.log}.
 */
final class StackProcess implements SystemUnderTest, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path dataDir;
    private final ChildJvm jvm;
    private final int kafkaPort = Ports.freeLoopbackPort();
    private final int commandPort = Ports.freeLoopbackPort();
    private final int queryPort = Ports.freeLoopbackPort();
    private final int postgresPort = Ports.freeLoopbackPort();
    private final Thread killOnExit;

    StackProcess(String name) {
        try {
            dataDir = Files.createTempDirectory("parley-" + name + "-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jvm = new ChildJvm("the local stack",
                Path.of(System.getProperty("basedir", "."), "target", "stack-process", name + ".log"));
        killOnExit = new Thread(this::killStackAndDatabase, name + "-kill-stack");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the stack and returns once both services are ready; the time it took. */
    Duration start() {
        long started = System.nanoTime();
        jvm.launch(List.of("-Xmx512m"), LocalStack.class, List.of(), Map.of(
                "PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_KAFKA_PORT", String.valueOf(kafkaPort),
                "PARLEY_COMMAND_PORT", String.valueOf(commandPort),
                "PARLEY_QUERY_PORT", String.valueOf(queryPort),
                "PARLEY_POSTGRES_PORT", String.valueOf(postgresPort),
                "PARLEY_AUTH_PUBLIC_KEY_LOCATION", TestTokens.publicKeyLocation(),
                "PARLEY_AUTH_ISSUER", TestTokens.ISSUER,
                "PARLEY_AUTH_AUDIENCE", TestTokens.AUDIENCE,
                // The load comes from a handful of test accounts far faster than any person types.
                "PARLEY_WRITE_RATE_PER_MINUTE", "1000000",
                "PARLEY_WRITE_BURST", "100000"));
        jvm.awaitReady(START_TIMEOUT, () -> ChildJvm.ready(commandUrl()) && ChildJvm.ready(queryUrl()));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL to the stack's JVM; returns once it is gone. Its PostgreSQL server is left running. */
    void killStack() {
        jvm.kill();
    }

    /** SIGKILL to the stack's JVM and to its PostgreSQL server at once; returns once the server is gone. */
    void killStackAndDatabase() {
        Optional<ProcessHandle> server = postgresServer();
        server.ifPresent(ProcessHandle::destroyForcibly);
        jvm.kill();
        server.ifPresent(s -> s.onExit().join());
    }

    /** The stack's PostgreSQL server, while it runs. */
    private Optional<ProcessHandle> postgresServer() {
        return EmbeddedDatabase.postmaster(dataDir.resolve("postgres"));
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
        return ProcessStack.count(commandDatabase(), "domainevententry", "aggregateIdentifier", negotiations);
    }

    /** Stops the stack as Ctrl-C does (its orderly shutdown), then removes the data directory. */
    @Override
    public void close() {
        jvm.stop(Duration.ofSeconds(60));
        // A server left by a kill at the very end.
        postgresServer().ifPresent(server -> {
            server.destroy();
            server.onExit().join();
        });
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway, and finds nothing left to kill.
        }
    }
}
