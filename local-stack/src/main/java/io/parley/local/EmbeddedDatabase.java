package io.parley.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's PostgreSQL: a real server (zonky's packaging of the PostgreSQL binaries, unpacked once into the
 * temp directory) with its data in the stack's data directory, one database per service. It runs durably, as any
 * production server: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on (zonky turns the first
 * two off for tests), so a commit the services acknowledge is on disk. It listens on 127.0.0.1 only.
 *
 * <p>The server is a process of its own. When the stack's JVM is killed, the server outlives it; the next start finds
 * it through {@code postmaster.pid} and stops it first, unless another running stack holds the data directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The event store. */
    public static final String COMMAND = "parley_command";
    /** The projections. */
    public static final String QUERY = "parley_query";
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** zonky's own lock file in the data directory, held by the JVM that runs the server. */
    private static final String LOCK_FILE = "epg-lock";
    private static final Duration ORPHAN_STOP = Duration.ofSeconds(60);
    /** Recovery after a crash replays the write-ahead log: give it time on a slow disk. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final boolean created;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, boolean created) {
        this.postgres = postgres;
        this.directory = directory;
        this.created = created;
    }

    /**
     * Starts the server on {@code directory} (created, and initialised, when new) and makes sure both databases
     * exist. {@code port} 0 takes any free port. The server's own log goes to {@code logFile}.
     */
    public static EmbeddedDatabase start(Path directory, int port, Path logFile) {
        return start(directory, port, logFile, null);
    }

    /** As above, with the binaries unpacked into {@code binaries} instead of the temp directory (null: there). */
    static EmbeddedDatabase start(Path directory, int port, Path logFile, Path binaries) {
        boolean created = !Files.exists(directory.resolve("PG_VERSION"));
        requireNotInUse(directory);
        stopOrphan(directory);
        try {
            Files.createDirectories(logFile.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // TCP only: no socket file in /tmp to clash with another server on the same port number.
                    .setServerConfig("unix_socket_directories", "''")
                    // Durable, whatever zonky's test-minded defaults say.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // Two services with a pool of ten each, and room for an operator's psql.
                    .setServerConfig("max_connections", "50");
            if (port != 0) {
                builder.setPort(port);
            }
            if (binaries != null) {
                builder.setOverrideWorkingDirectory(binaries.toFile());
            }
            EmbeddedDatabase database = new EmbeddedDatabase(builder.start(), directory, created);
            database.createDatabases();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on " + directory + " (its log: " + logFile + ")",
                    e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Whether this start initialised a new, empty server. */
    public boolean created() {
        return created;
    }

    public Path directory() {
        return directory;
    }

    /** A JDBC URL of one of the databases, e.g. {@link #COMMAND}. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public DataSource dataSource(String database) {
        return postgres.getDatabase(USER, database);
    }

    /** Stops the server with a fast shutdown: open transactions are rolled back, everything committed is on disk. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    private void createDatabases() {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (String name : List.of(COMMAND, QUERY)) {
                try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet row = exists.executeQuery()) {
                        if (row.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the databases " + COMMAND + " and " + QUERY, e);
        }
    }

    /** Another stack running on this data directory would share its database: refuse rather than interfere. */
    private static void requireNotInUse(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
             FileLock lock = stream.getChannel().tryLock()) {
            if (lock == null) {
                throw new DataDirectoryInUse(directory);
            }
        } catch (OverlappingFileLockException e) {
            throw new DataDirectoryInUse(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + lockFile, e);
        }
    }

    /**
     * A server left running by a stack that was killed (its JVM gone, its lock released) is stopped: smart shutdown
     * first (its clients died with the JVM, so it ends at once), a kill if it does not end. Either way what it had
     * committed is on disk; a killed server recovers from its write-ahead log at the next start.
     */
    private static void stopOrphan(Path directory) {
        Optional<ProcessHandle> orphan = postmaster(directory);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle server = orphan.get();
        log.info("The PostgreSQL server of an earlier run (pid {}) is still running: the stack was not stopped"
                + " cleanly. Stopping it before starting again.", server.pid());
        server.destroy();
        try {
            server.onExit().get(ORPHAN_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            server.destroyForcibly();
            server.onExit().join();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL", e);
        }
    }

    /**
     * The server running on the data directory {@code directory}: the process {@code postmaster.pid} names, if it is
     * alive and is a PostgreSQL server.
     */
    public static Optional<ProcessHandle> postmaster(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Another running stack uses this data directory. */
    public static final class DataDirectoryInUse extends RuntimeException {
        DataDirectoryInUse(Path directory) {
            super("The database in " + directory + " is in use by another running Parley: stop it first, or give"
                    + " this one another PARLEY_DATA_DIR.", null, false, false);
        }
    }
}
