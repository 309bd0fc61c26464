package io.parley.bench;

import io.parley.command.eventstore.AggregateCache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Scenario 4: one negotiation grown to 10,000 events through command-service (real moves over HTTP, four
 * clients at once on different terms), then the
 * latency of reading its deal from the query side and of making one more move on it (loading the aggregate, deciding,
 * appending). Each figure is set beside the same on a negotiation of a few events in the same stack, so the ratio is
 * what the length costs.
 * <p>
 * Reads are a list of named {@link ReadProbe}s: an "as of" read, when the query side has one, is one more line there.
 */
public final class LongSessionsScenario implements Scenario {

    /** A read measured on the long negotiation and on the short one; {@code path} is given the negotiation. */
    record ReadProbe(String name, String what, Function<Negotiation, String> path) {
    }

    /** A negotiation as a probe sees it: its id and the version it has reached. */
    record Negotiation(String id, long version) {
    }

    /** Clients growing the long negotiation at the same time, each on its own term. */
    private static final int BUILDERS = 4;

    static final List<ReadProbe> READS = List.of(
            new ReadProbe("deal", "GET .../deal at the final version, as a party",
                    n -> "/api/negotiations/" + n.id() + "/deal"));

    @Override
    public String name() {
        return "long-sessions";
    }

    @Override
    public String description() {
        return "a 10,000-event negotiation: GET .../deal and a new move, p50/p99, vs a short negotiation";
    }

    @Override
    public void run(BenchSettings settings, Report report) throws Exception {
        int events = settings.pick(1_000, 10_000);
        int reads = settings.pick(100, 500);
        int moves = settings.pick(100, 500);
        int warmUp = settings.pick(20, 100);
        try (BenchStack stack = BenchStack.create(settings, name()).startCommand(Map.of()).startQuery(Map.of())) {
            Http http = new Http();
            Table small = Table.open(stack, http, "short session");
            small.move();
            Table big = Table.open(stack, http, "long session");
            long t0 = System.nanoTime();
            build(big, events);
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            report.add(Figure.of("long-sessions.build", (big.version() - 1) / buildSeconds, "moves/s"));
            Negotiation longOne = new Negotiation(big.id(), big.version());
            Negotiation shortOne = new Negotiation(small.id(), small.version());
            awaitQuery(stack, http, longOne);
            awaitQuery(stack, http, shortOne);

            String reader = stack.token("A");
            for (ReadProbe probe : READS) {
                Latencies onLong = read(stack, http, reader, probe.path().apply(longOne), warmUp, reads);
                Latencies onShort = read(stack, http, reader, probe.path().apply(shortOne), warmUp, reads);
                for (int p : new int[] {50, 99}) {
                    report.add(Figure.of("long-sessions." + probe.name() + ".p" + p, onLong.percentileMillis(p), "ms")
                            .against(onShort.percentileMillis(p), "the same on a " + shortOne.version() + "-event negotiation"));
                }
            }

            // The move figures are command-service's: the query side, which shares this JVM (and its two cores) here
            // but not in production, would otherwise be projecting these very moves at the same time.
            stack.stopQuery();
            Latencies onLong = move(big, warmUp, moves);
            Latencies onShort = move(small, warmUp, moves);
            report.add(Figure.of("long-sessions.move.p50", onLong.percentileMillis(50), "ms")
                    .against(onShort.percentileMillis(50), "a move on a short negotiation"));
            report.add(Figure.of("long-sessions.move.p99", onLong.percentileMillis(99), "ms")
                    .against(onShort.percentileMillis(99), "a move on a short negotiation")
                    .goal(Figure.Goal.atMost(20)));
            // A negotiation that is not in memory (after a restart, or evicted): loaded from its latest snapshot and
            // the events after it.
            int cold = settings.pick(10, 30);
            AggregateCache loaded = stack.command().getBean(AggregateCache.class);
            Latencies coldLong = move(big, 0, cold, loaded::removeAll);
            Latencies coldShort = move(small, 0, cold, loaded::removeAll);
            report.add(Figure.of("long-sessions.move.cold.p50", coldLong.percentileMillis(50), "ms")
                    .against(coldShort.percentileMillis(50), "the same on a short negotiation"));
            report.add(Figure.of("long-sessions.move.cold.max", coldLong.maxMillis(), "ms")
                    .against(coldShort.maxMillis(), "the same on a short negotiation"));
            report.note(name(), String.format("cold moves: %d on each negotiation, each after emptying command-service's"
                    + " cache of loaded negotiations (a snapshot every %s events)", cold,
                    stack.command().getEnvironment().getProperty("parley.snapshot.every")));
            report.note(name(), String.format("long negotiation: %,d events when read, %,d after the measured moves;"
                    + " short one: %d events when read; moves measured with the query side stopped",
                    longOne.version(), big.version(), shortOne.version()));
        }
    }

    /** Grows {@code table} to {@code events} events as fast as it goes: a client per lane, each moving back to back. */
    private static void build(Table table, int events) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(BUILDERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < BUILDERS; k++) {
                Table.Lane lane = table.lane(k, new Http());
                done.add(clients.submit(() -> {
                    while (table.version() < events) {
                        lane.move();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static Latencies move(Table table, int warmUp, int count) {
        return move(table, warmUp, count, () -> {
        });
    }

    /** Moves, each timed after {@code beforeEach} (untimed). */
    private static Latencies move(Table table, int warmUp, int count, Runnable beforeEach) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < warmUp + count; i++) {
            if (i == warmUp) {
                latencies.reset();
            }
            beforeEach.run();
            long t0 = System.nanoTime();
            table.move();
            latencies.recordNanos(System.nanoTime() - t0);
        }
        return latencies;
    }

    private static Latencies read(BenchStack stack, Http http, String token, String path, int warmUp, int count) {
        Latencies latencies = new Latencies();
        String url = stack.queryUrl() + path;
        for (int i = 0; i < warmUp + count; i++) {
            if (i == warmUp) {
                latencies.reset();
            }
            long t0 = System.nanoTime();
            http.get(url, token).expect(200, "GET " + path);
            latencies.recordNanos(System.nanoTime() - t0);
        }
        return latencies;
    }

    /** Waits until the query side serves the negotiation at its version. */
    private static void awaitQuery(BenchStack stack, Http http, Negotiation n) throws InterruptedException {
        String url = stack.queryUrl() + "/api/negotiations/" + n.id() + "/deal";
        String token = stack.token("observer");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Http.Answer answer = http.get(url, token);
            if (answer.status() == 200 && answer.json().get("version").asLong() >= n.version()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the query side did not reach version " + n.version() + " of " + n.id());
    }
}
