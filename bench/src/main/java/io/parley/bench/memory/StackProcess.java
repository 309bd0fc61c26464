package io.parley.bench.memory;

import io.parley.local.EmbeddedDatabase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code java -jar local-stack.jar} as a process of its own, as {@code ./run.sh} starts it (with the PostgreSQL server
 * it starts in turn). Closing it sends SIGTERM
 * ({@link Process#destroy}) and waits for the orderly shutdown, killing it outright if that does not come; a shutdown
 * hook does the same if the benchmark itself is stopped, so the stack never outlives it.
 */
final class StackProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path dataDir;
    private final Thread hook;

    private StackProcess(Process process, Path log, Path dataDir) {
        this.process = process;
        this.log = log;
        this.dataDir = dataDir;
        this.hook = new Thread(this::stop, "parley-bench-stop-stack");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code command} with the environment {@code env} (replacing the inherited one); output to {@code log}.
     * {@code dataDir} is the stack's {@code PARLEY_DATA_DIR}: its PostgreSQL server is found there.
     */
    static StackProcess start(List<String> command, Map<String, String> env, Path log, Path dataDir)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return new StackProcess(builder.start(), log, dataDir);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the stack printed, to say why it failed. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Resident memory: the JVM's, from {@code /proc/<pid>/status}, and its PostgreSQL server's. The server is many
     * processes sharing one buffer pool, so theirs is the sum of their proportional set sizes (shared pages split
     * among the processes that map them), not of their RSS, which would count the shared buffers once per process.
     */
    Rss rss() {
        try {
            long rss = -1;
            long anon = -1;
            long file = -1;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("RssAnon:")) {
                    anon = kib(line);
                } else if (line.startsWith("RssFile:")) {
                    file = kib(line);
                }
            }
            if (rss < 0) {
                throw new IllegalStateException("no VmRSS in /proc/" + pid() + "/status");
            }
            return new Rss(rss, anon, file, postgresPssKib());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid() + "/status (is the stack still running?)", e);
        }
    }

    /** The PostgreSQL server and its backends, in KiB of proportional set size; 0 when it does not run. */
    private long postgresPssKib() {
        return EmbeddedDatabase.postmaster(dataDir.resolve("postgres")).stream()
                .flatMap(server -> Stream.concat(Stream.of(server), server.descendants()))
                .mapToLong(StackProcess::pssKib)
                .sum();
    }

    private static long pssKib(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return kib(line);
                }
            }
            return 0;
        } catch (IOException gone) {
            // A backend that ended between the listing and the reading.
            return 0;
        }
    }

    /**
     * Kibibytes, as /proc prints them: the JVM's RSS and its anonymous and file-backed parts, and the PostgreSQL
     * server's proportional set size; {@link #totalKib()} is the two together.
     */
    record Rss(long jvmKib, long anonKib, long fileKib, long postgresKib) {

        long totalKib() {
            return jvmKib + postgresKib;
        }

        double mib() {
            return totalKib() / 1024.0;
        }
    }

    private static long kib(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]);
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or will run: it stops the stack (already stopped here).
            }
        }
    }
}
