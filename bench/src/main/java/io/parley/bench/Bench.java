package io.parley.bench;

import io.parley.bench.memory.MemoryScenario;
import io.parley.bench.redlines.RedLinesScenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./bench.sh [--quick] [scenario ...]}: runs the named scenarios (all by default) one after the other, prints a
 * line per figure and writes them all to {@code target/bench/results.json}.
 */
public final class Bench {

    /** Every scenario, in the order a full run takes them. */
    static List<Scenario> scenarios() {
        return List.of(
                new WriteScenario(),
                new LiveScenario(),
                new RebuildScenario(),
                new LongSessionsScenario(),
                new RedLinesScenario(),
                new MemoryScenario());
    }

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        List<String> wanted = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> quick = true;
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        System.err.println("unknown option " + arg);
                        usage();
                        System.exit(2);
                    }
                    wanted.add(arg);
                }
            }
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : wanted) {
            chosen.add(scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> {
                System.err.println("no scenario " + name);
                usage();
                System.exit(2);
                return new IllegalStateException();
            }));
        }
        if (chosen.isEmpty()) {
            chosen.addAll(scenarios());
        }

        Path work = Files.createTempDirectory("parley-bench");
        BenchSettings settings = new BenchSettings(quick, BenchDatabase.configuredKind(), work);
        Report report = new Report(System.out);
        Map<String, Object> environment = environment(settings);
        System.out.println("Parley benchmarks (" + (quick ? "quick: a smoke check, figures are indicative only" : "full")
                + "), " + environment);
        long started = System.nanoTime();
        int failed = 0;
        try {
            for (Scenario scenario : chosen) {
                long t = System.nanoTime();
                System.out.println("== " + scenario.name() + ": " + scenario.description());
                try {
                    scenario.run(settings, report);
                } catch (Exception | AssertionError e) {
                    failed++;
                    report.note(scenario.name(), "FAILED: " + e);
                    e.printStackTrace(System.out);
                }
                System.out.printf("   (%s took %.0f s)%n", scenario.name(), (System.nanoTime() - t) / 1e9);
            }
        } finally {
            BenchDatabase.stopEmbedded();
            delete(work);
        }
        Path results = Path.of("target", "bench", "results.json");
        report.write(results, settings, environment);
        long missed = report.figures().stream().filter(f -> Boolean.FALSE.equals(f.met())).count();
        System.out.printf("%d figures, %d goals missed, %d scenarios failed, in %s; written to %s%n",
                report.figures().size(), missed, failed,
                Duration.ofSeconds(Math.round((System.nanoTime() - started) / 1e9)).toString().substring(2).toLowerCase(),
                results.toAbsolutePath());
        // Spring's and Kafka's non-daemon threads must not keep the JVM after the last scenario.
        System.exit(failed == 0 ? 0 : 1);
    }

    private static Map<String, Object> environment(BenchSettings settings) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        env.put("database", settings.database().name().toLowerCase());
        return env;
    }

    private static void usage() {
        System.out.println("usage: ./bench.sh [--quick] [scenario ...]");
        System.out.println("  --quick   scaled down, under two minutes: a smoke check");
        for (Scenario s : scenarios()) {
            System.out.printf("  %-14s %s%n", s.name(), s.description());
        }
        System.out.println("PostgreSQL: PARLEY_BENCH_JDBC_URL (or NEGOTIATION_TEST_JDBC_URL), _USER, _PASSWORD; else an embedded PostgreSQL.");
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Scratch space left in the temp directory is harmless.
        }
    }
}
