package io.parley.local.faults;

import org.awaitility.core.ConditionTimeoutException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A JVM on the test run's classpath, started as a child process so that a fault test can kill it outright (SIGKILL:
 * no shutdown hook, no last commit) or stop it in order (SIGTERM), and start it again. Its output is appended to a
 * log file; when it fails to start, the end of that log is in the message.
 */
final class ChildJvm {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int LOG_TAIL_LINES = 60;

    private final String label;
    private final Path log;
    private volatile Process process;

    /** @param log where its output goes: emptied now, appended to at each start */
    ChildJvm(String label, Path log) {
        this.label = label;
        this.log = log;
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code main} with these JVM options and arguments. The child inherits this JVM's environment without
     * its {@code PARLEY_*} variables, then gets {@code env}.
     */
    synchronized void launch(List<String> jvmOptions, Class<?> main, List<String> arguments, Map<String, String> env) {
        if (running()) {
            throw new IllegalStateException(label + " is already running");
        }
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvmOptions);
        line.addAll(List.of("-cp", testClassPath(), main.getName()));
        line.addAll(arguments);
        try {
            Files.writeString(log, "---- start " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(variable -> variable.startsWith("PARLEY_"));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label, e);
        }
    }

    boolean running() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Waits until {@code ready} holds, or fails with the end of the log if the process exits or time runs out. */
    void awaitReady(Duration timeout, Callable<Boolean> ready) {
        try {
            await(label + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                Process current = process;
                if (!current.isAlive()) {
                    throw new IllegalStateException(label + " exited with " + current.exitValue()
                            + " while starting; the end of " + log + ":\n" + tail());
                }
                return ready.call();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(label + " was not ready within " + timeout + "; the end of " + log + ":\n"
                    + tail(), e);
        }
    }

    /** SIGKILL on Linux; returns once the process is gone. */
    synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        waitFor(running, Duration.ofSeconds(30), "SIGKILL");
    }

    /** SIGTERM, as Ctrl-C or an orchestrator stops it: its orderly shutdown; a kill if that does not end in time. */
    synchronized void stop(Duration patience) {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void waitFor(Process running, Duration limit, String signal) {
        try {
            if (!running.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(label + " did not die within " + limit + " of " + signal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A service's readiness probe answers 200. */
    static boolean ready(String baseUrl) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
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

    /**
     * The test run's classpath. Surefire runs tests from a manifest-only jar but sets {@code java.class.path} to the
     * real classpath; without it a child could not find the services.
     */
    static String testClassPath() {
        String classPath = System.getProperty("java.class.path");
        if (classPath.split(File.pathSeparator).length < 2) {
            throw new IllegalStateException("java.class.path is not the test classpath: " + classPath);
        }
        return classPath;
    }
}
