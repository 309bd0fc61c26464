package io.parley.bench.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.bench.BenchSettings;
import io.parley.bench.Figure;
import io.parley.bench.Report;
import io.parley.bench.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Resident memory of the local stack, run as {@code ./run.sh} runs it: {@code java ${PARLEY_JAVA_OPTS:--Xmx512m}
 * -jar local-stack/target/local-stack.jar} in a process of its own (broker, both services, and the embedded PostgreSQL
 * server it starts, in a fresh data directory, free ports). The JVM's {@code VmRSS} plus the PostgreSQL processes'
 * proportional set size once both services are healthy and the figure has settled, then again after
 * opening negotiations over HTTP (each: the facilitator opens ukraine-2025, UA proposes to pause its NATO bid, RU, US
 * and EU accept: six events) and the query side lists them all at their last version. The loaded figure's baseline
 * is the idle one: the ratio is what the negotiations added.
 */
public final class MemoryScenario implements Scenario {

    static final Path JAR = Path.of("local-stack", "target", "local-stack.jar");
    private static final String DEFAULT_JAVA_OPTS = "-Xmx512m";
    private static final List<String> ACCEPTING = List.of("RU", "US", "EU");
    /** Open, propose, three acceptances, and the agreement the last one completes. */
    private static final int EVENTS_PER_NEGOTIATION = 6;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "resident memory of the local stack (./run.sh's jar and JVM options): idle, then with 1,000 negotiations (quick: 100)";
    }

    @Override
    public void run(BenchSettings settings, Report report) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build it first (./mvnw -DskipTests "
                    + "package, which ./bench.sh does), and run from the repository root");
        }
        int negotiations = settings.pick(100, 1000);
        Path dataDir = Files.createDirectories(settings.workDir().resolve("memory-" + UUID.randomUUID()));
        int[] ports = freePorts(4);
        String javaOpts = System.getenv().getOrDefault("PARLEY_JAVA_OPTS", "").isBlank()
                ? DEFAULT_JAVA_OPTS : System.getenv("PARLEY_JAVA_OPTS").trim();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(javaOpts.split("\\s+")));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());

        // The stack on its defaults: none of the caller's PARLEY_* settings (an external database or broker) apply.
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("PARLEY_"));
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_KAFKA_PORT", String.valueOf(ports[0]));
        env.put("PARLEY_COMMAND_PORT", String.valueOf(ports[1]));
        env.put("PARLEY_QUERY_PORT", String.valueOf(ports[2]));
        env.put("PARLEY_POSTGRES_PORT", String.valueOf(ports[3]));
        // One facilitator and four parties make every write: the per-caller limit (1,200 a minute) would pace them.
        env.put("PARLEY_WRITE_RATE_PER_MINUTE", "100000000");
        env.put("PARLEY_WRITE_BURST", "10000000");

        String commandUrl = "http://127.0.0.1:" + ports[1];
        String queryUrl = "http://127.0.0.1:" + ports[2];
        long started = System.nanoTime();
        try (StackProcess stack = StackProcess.start(command, env, settings.workDir().resolve("memory-stack.log"),
                dataDir)) {
            try {
                await("both services healthy", Duration.ofSeconds(180), stack,
                        () -> healthy(commandUrl) && healthy(queryUrl));
                double startSeconds = (System.nanoTime() - started) / 1e9;
                Settled idle = settle(stack, settings);
                report.add(Figure.of("memory.idle", idle.rss.mib(), "MiB").goal(Figure.Goal.atMost(1024)));
                String idleHeap = heapUsedMiB(commandUrl);

                Map<String, String> tokens = tokens(dataDir.resolve("local-tokens.json"));
                long loadStart = System.nanoTime();
                Set<String> ids = load(commandUrl, tokens, negotiations);
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                await("the query side listing all " + negotiations + " negotiations at version " + EVENTS_PER_NEGOTIATION,
                        Duration.ofSeconds(settings.pick(60, 180)), stack,
                        () -> listed(queryUrl, tokens.get("observer"), ids) == ids.size());
                double projectedSeconds = (System.nanoTime() - loadStart) / 1e9;
                Settled loaded = settle(stack, settings);
                report.add(Figure.of("memory.loaded", loaded.rss.mib(), "MiB")
                        .against(idle.rss.mib(), "the same stack idle"));
                String loadedHeap = heapUsedMiB(commandUrl);

                report.note(name(), String.format(Locale.ROOT,
                        "java %s -jar %s on its defaults, embedded PostgreSQL included (whatever the benchmark's"
                                + " database); healthy after %.0f s; idle: %s MiB = JVM RSS %s MiB (anonymous %s,"
                                + " file-backed %s) + PostgreSQL PSS %s MiB, heap used %s MiB%s; %d negotiations (%d"
                                + " events) written in %.1f s over HTTP (8 clients), all listed by the query side after"
                                + " %.1f s; loaded: %s MiB = JVM RSS %s MiB (anonymous %s, file-backed %s) + PostgreSQL"
                                + " PSS %s MiB, heap used %s MiB%s, %.0f KiB more per negotiation",
                        javaOpts, JAR, startSeconds, mib(idle.rss.totalKib()),
                        mib(idle.rss.jvmKib()), mib(idle.rss.anonKib()), mib(idle.rss.fileKib()),
                        mib(idle.rss.postgresKib()), idleHeap,
                        idle.settled ? "" : " (had not settled within " + idle.waitedSeconds + " s)",
                        negotiations, (long) negotiations * EVENTS_PER_NEGOTIATION, loadSeconds, projectedSeconds,
                        mib(loaded.rss.totalKib()), mib(loaded.rss.jvmKib()), mib(loaded.rss.anonKib()),
                        mib(loaded.rss.fileKib()), mib(loaded.rss.postgresKib()), loadedHeap,
                        loaded.settled ? "" : " (had not settled within " + loaded.waitedSeconds + " s)",
                        (loaded.rss.totalKib() - idle.rss.totalKib()) / (double) negotiations));
            } catch (Exception | AssertionError e) {
                System.out.println("   last lines of the stack's output:\n" + stack.logTail(30));
                throw e;
            }
        }
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.valueOf(Math.round(kib / 1024.0));
    }

    /** What the RSS settled at, or where it stood when we stopped waiting. */
    private record Settled(StackProcess.Rss rss, boolean settled, long waitedSeconds) {
    }

    /**
     * Polls VmRSS every 250 ms until the samples of the last few seconds lie within 1% of each other (threads and
     * buffers allocated lazily, the first collections), at most a minute (20 s in quick mode).
     */
    private static Settled settle(StackProcess stack, BenchSettings settings) throws InterruptedException {
        int window = settings.pick(8, 20);
        long limitNanos = Duration.ofSeconds(settings.pick(20, 60)).toNanos();
        Deque<StackProcess.Rss> recent = new ArrayDeque<>();
        long start = System.nanoTime();
        while (true) {
            if (!stack.isAlive()) {
                throw new IllegalStateException("the stack exited");
            }
            StackProcess.Rss now = stack.rss();
            recent.addLast(now);
            if (recent.size() > window) {
                recent.removeFirst();
            }
            if (recent.size() == window) {
                long min = recent.stream().mapToLong(StackProcess.Rss::totalKib).min().orElseThrow();
                long max = recent.stream().mapToLong(StackProcess.Rss::totalKib).max().orElseThrow();
                if (max - min <= max / 100) {
                    return new Settled(now, true, 0);
                }
            }
            long waited = System.nanoTime() - start;
            if (waited > limitNanos) {
                return new Settled(now, false, Duration.ofNanos(waited).toSeconds());
            }
            Thread.sleep(250);
        }
    }

    /** Polls {@code condition} every 250 ms until it holds; fails when the stack exits or time runs out. */
    private static void await(String what, Duration timeout, StackProcess stack, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!stack.isAlive()) {
                throw new IllegalStateException("the stack exited while waiting for " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    private boolean healthy(String baseUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Heap in use in the stack's JVM (Micrometer's jvm.memory.used, area heap), in MiB; "n/a" if unreadable. */
    private String heapUsedMiB(String baseUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return "n/a";
            }
            double bytes = json.readTree(r.body()).path("measurements").path(0).path("value").asDouble(Double.NaN);
            return Double.isNaN(bytes) ? "n/a" : String.valueOf(Math.round(bytes / (1024 * 1024)));
        } catch (IOException e) {
            return "n/a";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "n/a";
        }
    }

    /** The tokens the stack wrote at its start: facilitator, UA, RU, US, EU, observer. */
    private Map<String, String> tokens(Path file) throws IOException {
        Map<String, String> tokens = new HashMap<>();
        json.readTree(file.toFile()).fields().forEachRemaining(e -> tokens.put(e.getKey(), e.getValue().asText()));
        for (String name : List.of("facilitator", "UA", "RU", "US", "EU", "observer")) {
            if (!tokens.containsKey(name)) {
                throw new IllegalStateException(file + " has no token for " + name);
            }
        }
        return tokens;
    }

    /** Opens {@code count} negotiations and agrees one term on each, from 8 clients; returns their ids. */
    private Set<String> load(String commandUrl, Map<String, String> tokens, int count) throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                done.add(clients.submit(() -> {
                    String id = post(commandUrl + "/api/negotiations", tokens.get("facilitator"),
                            "{\"scenario\": \"ukraine-2025\"}").path("id").asText();
                    String moves = commandUrl + "/api/negotiations/" + id + "/moves";
                    String proposal = post(moves, tokens.get("UA"), "{\"party\": \"UA\", \"kind\": \"PROPOSE\", "
                            + "\"term\": \"nato_membership\", \"value\": \"PAUSED\"}").path("moveId").asText();
                    for (String party : ACCEPTING) {
                        post(moves, tokens.get(party), "{\"party\": \"" + party + "\", \"kind\": \"ACCEPT\", "
                                + "\"moveId\": \"" + proposal + "\"}");
                    }
                    ids.add(id);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("loading failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            clients.shutdownNow();
        }
        return ids;
    }

    private JsonNode post(String url, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    /** How many of {@code ids} the query side lists at their last version. */
    private int listed(String queryUrl, String token, Set<String> ids) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create(queryUrl + "/api/negotiations?limit=1000"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return -1;
            }
            int n = 0;
            for (JsonNode summary : json.readTree(r.body())) {
                if (ids.contains(summary.path("id").asText())
                        && summary.path("version").asLong() >= EVENTS_PER_NEGOTIATION) {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Distinct free ports on the loopback interface (held together while chosen, so none repeats). */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }
}
