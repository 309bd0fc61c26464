package io.parley.local.faults;

import io.parley.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A database of its own for one stack, whose data is not in this JVM's heap, so that the heap of the services under
 * test can be measured without the stored events in it: a fresh PostgreSQL schema ({@link IsolatedDatabase}) when
 * {@code NEGOTIATION_TEST_JDBC_URL} is set, else an H2 file database served by an H2 TCP server in a process of its
 * own (an in-process H2, even on files, keeps its page cache in this heap, and that cache fills as the files grow).
 * Both services use it, each with its own tables and migration history.
 */
final class DatabaseOutsideThisHeap implements AutoCloseable {

    private final IsolatedDatabase postgres;
    private final Process h2;
    private final Path h2Dir;
    private final String h2Url;

    private DatabaseOutsideThisHeap(IsolatedDatabase postgres, Process h2, Path h2Dir, String h2Url) {
        this.postgres = postgres;
        this.h2 = h2;
        this.h2Dir = h2Dir;
        this.h2Url = h2Url;
    }

    static DatabaseOutsideThisHeap create(String name) {
        if (TestDatabase.isPostgres()) {
            return new DatabaseOutsideThisHeap(IsolatedDatabase.create(name), null, null, null);
        }
        try {
            Path dir = Files.createTempDirectory("parley-" + name + "-h2");
            int port = freePort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String h2Jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", h2Jar, "org.h2.tools.Server",
                    "-tcp", "-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("h2-server.log").toFile())
                    .start();
            DatabaseOutsideThisHeap database = new DatabaseOutsideThisHeap(null, process, dir,
                    "jdbc:h2:tcp://127.0.0.1:" + port + "/./" + name.replaceAll("[^A-Za-z0-9]", "_"));
            try {
                await("the H2 server on port " + port).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> process.isAlive() && listening(port));
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code spring.datasource.*} for a service on this database. */
    Map<String, String> springProperties() {
        if (postgres != null) {
            return postgres.springProperties();
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", h2Url);
        props.put("spring.datasource.username", "sa");
        props.put("spring.datasource.password", "");
        return props;
    }

    /** What it runs on, for the printed figures. */
    String kind() {
        return postgres != null ? "PostgreSQL" : "H2 (own process)";
    }

    @Override
    public void close() {
        if (postgres != null) {
            postgres.close();
            return;
        }
        h2.destroy();
        try {
            if (!h2.waitFor(30, TimeUnit.SECONDS)) {
                h2.destroyForcibly();
            }
        } catch (InterruptedException e) {
            h2.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(h2Dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
