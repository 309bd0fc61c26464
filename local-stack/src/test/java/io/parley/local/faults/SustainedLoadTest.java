package io.parley.local.faults;

import io.parley.local.e2e.TestStack;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testing.TestDatabase;
import io.parley.testing.TestTokens;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 7: a steady load for a long time. Moves and reads arrive at a fixed rate, whatever the answers' speed
 * (open loop: a slow answer shows as latency, not as fewer requests), every one valid, so every write must be
 * answered 201 and every read 200 (or 304 to a conditional read). Meanwhile the query side stays close behind the
 * event store, the live heap does not grow once warmed up, and at the end nothing is lost.
 * <p>
 * The stack is this class's own, on a database of its own ({@link IsolatedDatabase}) whose server is another
 * process, so its data is outside this JVM's heap: the stored events grow, as they should, and must not count as the
 * services' memory. To find what grows, run it with {@code -Dparley.faults.load-histograms=<directory>}: each heap
 * measurement also writes the live objects by class.
 */
@Tag("faults")
class SustainedLoadTest {

    /**
     * The test's own record of a move that got its 201 ({@link Acknowledged}): a queue node, the record and its
     * 36-character move id, 24 + 24 + 24 + 56 bytes with compressed references. It grows with the moves by design
     * (the checker needs every one), so its growth is taken out of the heap figure.
     */
    private static final long ACKNOWLEDGED_MOVE_BYTES = 128;
    /** Same for a negotiation's entry: map node, 36-character id, empty queue with its node. */
    private static final long ACKNOWLEDGED_NEGOTIATION_BYTES = 32 + 80 + 48;
    /** A request that starts this much after its slot could not start on time. */
    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration SAMPLING = Duration.ofMillis(250);
    /**
     * Generous: the query side follows within a second on a quiet machine, within seconds on a busy one; a query side
     * that fell behind for good would pass it within the run.
     */
    private static final Duration LAG_BOUND = Duration.ofSeconds(30);
    /** When the live heap is measured, as parts of the run: the first at the end of warm-up, the last under load. */
    private static final double[] HEAP_POINTS = {0.25, 0.40, 0.55, 0.70, 0.85, 0.97};
    private static final List<String> READERS = List.of("facilitator", "A", "B", "C", "observer");
    /**
     * Reads in flight at most, as from that many dashboards and browsers, each on its own connection: a read whose
     * slot comes while all are busy waits for one (and is late). Without a bound, a slow moment (the services warming
     * up, a full collection) would have the client open a connection per waiting read, hundreds at once.
     */
    private static final int READ_CONNECTIONS = 16;

    /** How hard and how long: short by default, the ten minutes with {@code -Pfaults}. */
    record Profile(Duration duration, int writesPerSecond, int readsPerSecond, int tables) {
        static Profile fromSystemProperties() {
            return new Profile(Duration.ofSeconds(Integer.getInteger("parley.faults.load-seconds", 30)),
                    Integer.getInteger("parley.faults.load-moves-per-second", 20),
                    Integer.getInteger("parley.faults.load-reads-per-second", 40),
                    Integer.getInteger("parley.faults.load-negotiations", 20));
        }

        Duration warmUp() {
            return Duration.ofNanos((long) (duration.toNanos() * HEAP_POINTS[0]));
        }
    }

    private record HeapPoint(long bytes, int acknowledgedMoves, int acknowledgedNegotiations) {
        long withoutTheTestsRecordSince(HeapPoint start) {
            return bytes - (acknowledgedMoves - start.acknowledgedMoves) * ACKNOWLEDGED_MOVE_BYTES
                    - (acknowledgedNegotiations - start.acknowledgedNegotiations) * ACKNOWLEDGED_NEGOTIATION_BYTES;
        }
    }

    private static IsolatedDatabase database;
    private static TestStack stack;

    private final Profile profile = Profile.fromSystemProperties();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Acknowledged acknowledged = new Acknowledged();
    private final ProjectionLag lag = new ProjectionLag();
    private final List<Lane> lanes = new ArrayList<>();
    private final Reads reads = new Reads();
    /** The last deal ETag each lane's reader saw, to read conditionally: one per lane and reader. */
    private final Map<String, String[]> eTags = new ConcurrentHashMap<>();

    private final Histogram writeLatency = new ConcurrentHistogram(3);
    private final Histogram readLatency = new ConcurrentHistogram(3);
    private final Map<String, LongAdder> writesByKind = new ConcurrentHashMap<>();
    private final LongAdder writesDone = new LongAdder();
    private final LongAdder readsDone = new LongAdder();
    private final LongAdder lateWrites = new LongAdder();
    private final LongAdder lateReads = new LongAdder();
    private final AtomicLong lastWriteDone = new AtomicLong();
    private final AtomicLong lastReadDone = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Queue<String> errorExamples = new ConcurrentLinkedQueue<>();
    private final List<HeapPoint> heap = new CopyOnWriteArrayList<>();
    private volatile long start;
    private long cpuAtStart;
    private volatile long warmUpEnds;

    @BeforeAll
    static void startAStackOfItsOwn() {
        database = IsolatedDatabase.create("sustained-load");
        Map<String, Object> overrides = new LinkedHashMap<>(database.springProperties());
        // The load comes from a handful of test accounts far faster than any person types.
        overrides.put("PARLEY_WRITE_RATE_PER_MINUTE", "1000000");
        overrides.put("PARLEY_WRITE_BURST", "100000");
        stack = new TestStack("sustained-load", overrides);
    }

    @AfterAll
    static void stopIt() {
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aSteadyMixOfMovesAndReadsIsAllAnsweredWithoutGrowthAndTheQuerySideKeepsUp() {
        IntStream.range(0, profile.tables()).forEach(i -> lanes.add(new Lane(new LoadTable(7919L * i + 1))));
        long writeSlots = profile.duration().toSeconds() * profile.writesPerSecond();
        long readSlots = profile.duration().toSeconds() * profile.readsPerSecond();
        AtomicLong writesIssued = new AtomicLong();
        AtomicLong readsIssued = new AtomicLong();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long caughtUpNanos;
        long cpuNanos;
        try {
            sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLING.toMillis(), TimeUnit.MILLISECONDS);
            start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            cpuAtStart = processCpuNanos();
            warmUpEnds = start + profile.warmUp().toNanos();
            long writeEvery = 1_000_000_000L / profile.writesPerSecond();
            long readEvery = 1_000_000_000L / profile.readsPerSecond();
            // Each slot's time is fixed in advance; a clock that fires late fires the missed slots at once.
            clock.scheduleAtFixedRate(() -> {
                long i = writesIssued.get();
                if (i < writeSlots) {
                    writesIssued.incrementAndGet();
                    lanes.get((int) (i % lanes.size())).arrive(start + i * writeEvery);
                }
            }, start - System.nanoTime(), writeEvery, TimeUnit.NANOSECONDS);
            clock.scheduleAtFixedRate(() -> {
                long i = readsIssued.get();
                if (i < readSlots) {
                    readsIssued.incrementAndGet();
                    reads.arrive(start + i * readEvery);
                }
            }, start - System.nanoTime(), readEvery, TimeUnit.NANOSECONDS);
            for (double point : HEAP_POINTS) {
                long at = start + (long) (profile.duration().toNanos() * point);
                clock.schedule(() -> {
                    heap.add(new HeapPoint(LiveHeap.measure(), acknowledged.count(),
                            acknowledged.negotiations().size()));
                    LiveHeap.histogramTo(System.getProperty("parley.faults.load-histograms"), heap.size());
                }, at - System.nanoTime(), TimeUnit.NANOSECONDS);
            }

            await("every write and read of the run answered").atMost(profile.duration().plus(Duration.ofMinutes(3)))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> writesDone.sum() == writeSlots && readsDone.sum() == readSlots
                            && heap.size() == HEAP_POINTS.length);
            await("the query side serving every acknowledged version").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(50)).until(lag::caughtUp);
            caughtUpNanos = System.nanoTime() - lastWriteDone.get();
            cpuNanos = processCpuNanos() - cpuAtStart;
        } finally {
            clock.shutdownNow();
            sampler.shutdownNow();
        }
        double writeSeconds = (lastWriteDone.get() - start) / 1e9;
        double readSeconds = (lastReadDone.get() - start) / 1e9;
        HeapPoint warm = heap.get(0);
        HeapPoint end = heap.get(heap.size() - 1);
        long endOfServices = end.withoutTheTestsRecordSince(warm);
        double ratio = (double) endOfServices / warm.bytes();
        System.out.printf("[faults] sustained load on %s: %d s over %d tables; writes target %d/s, achieved %.1f/s"
                        + " (%d: %s), %d started late; reads target %d/s, achieved %.1f/s (%d), %d started late;"
                        + " latency from the slot after warm-up, p50/p99/max: writes %s, reads %s; projection lag max"
                        + " %d events, %d ms; live heap after warm-up %s, at the end %s (%s less the test's record of"
                        + " %d more moves), ratio %.3f (all: %s); caught up %.2f s after the last write; %d errors; this JVM used %.1f s of CPU (%.1f ms a request)%n",
                TestDatabase.server().description(), profile.duration().toSeconds(), profile.tables(),
                profile.writesPerSecond(),
                writeSlots / writeSeconds, writesDone.sum(), kinds(), lateWrites.sum(), profile.readsPerSecond(),
                readSlots / readSeconds, readsDone.sum(), lateReads.sum(), percentiles(writeLatency),
                percentiles(readLatency), lag.maxEvents(), lag.maxMillis(), LiveHeap.mb(warm.bytes()),
                LiveHeap.mb(end.bytes()), LiveHeap.mb(endOfServices), end.acknowledgedMoves() - warm.acknowledgedMoves(),
                ratio, heap.stream().map(h -> LiveHeap.mb(h.bytes())).toList(), caughtUpNanos / 1e9, errors.get(),
                cpuNanos / 1e9, cpuNanos / 1e6 / (writeSlots + readSlots));

        assertThat(errorExamples).as("answers other than 201 to a write, 200 or 304 to a read (%d in all)",
                errors.get()).isEmpty();
        assertThat(lag.maxMillis()).as("most time from a write's 201 until the query side served it, ms")
                .isLessThan(LAG_BOUND.toMillis());
        // A table writes writesPerSecond / tables times a second, each write at most two events (a move and an agreement).
        assertThat(lag.maxEvents()).as("most events the query side was behind in one negotiation")
                .isLessThan(LAG_BOUND.toSeconds() * 2 * Math.max(1, profile.writesPerSecond() / profile.tables()));
        assertThat(ratio).as("live heap at the end (less the test's own record of moves) over after warm-up: %s / %s",
                LiveHeap.mb(endOfServices), LiveHeap.mb(warm.bytes())).isLessThanOrEqualTo(1.10);
        assertThat(acknowledged.count()).as("moves acknowledged").isPositive();

        NothingIsLost.Figures figures = new NothingIsLost(stack).check(acknowledged);
        System.out.printf("[faults] sustained load, nothing lost: %d moves acknowledged in %d negotiations, %d events"
                        + " stored, %d records on the topic (%d sent again)%n", acknowledged.count(),
                acknowledged.negotiations().size(), figures.events(), figures.records(), figures.duplicates());
    }

    // ------------------------------------------------------------------ writes: one client per table

    /**
     * One table's client: its writes go one after the other (each depends on the answer before), so a slot that
     * comes while the previous write is still out waits for it, and its latency counts from the slot.
     */
    private final class Lane {
        final LoadTable table;
        final ArrayDeque<Long> waiting = new ArrayDeque<>();
        boolean busy;

        Lane(LoadTable table) {
            this.table = table;
        }

        void arrive(long slot) {
            synchronized (this) {
                if (busy) {
                    waiting.addLast(slot);
                    return;
                }
                busy = true;
            }
            write(slot);
        }

        private void next() {
            Long slot;
            synchronized (this) {
                slot = waiting.pollFirst();
                if (slot == null) {
                    busy = false;
                    return;
                }
            }
            write(slot);
        }

        private void write(long slot) {
            LoadTable.Write write;
            try {
                write = table.next();
            } catch (RuntimeException e) {
                error("the load could not make a valid move: " + e);
                giveUp();
                done(System.nanoTime());
                return;
            }
            long started = System.nanoTime();
            if (started - slot > LATE_NANOS) {
                lateWrites.increment();
            }
            HttpRequest request;
            try {
                request = request(stack.commandUrl() + write.path(), write.actor())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(write.body())))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long answered = System.nanoTime();
                try {
                    answered(write, slot, answered, response, failure);
                } catch (RuntimeException e) {
                    error(write.kind() + ": " + e);
                    giveUp();
                } finally {
                    done(answered);
                }
            });
        }

        private void answered(LoadTable.Write write, long slot, long answered, HttpResponse<String> response,
                              Throwable failure) {
            if (slot >= warmUpEnds) {
                writeLatency.recordValue(Math.max(0, answered - slot) / 1000);
            }
            writesByKind.computeIfAbsent(write.kind(), k -> new LongAdder()).increment();
            if (failure != null || response.statusCode() != 201) {
                error(write.kind() + " " + write.path() + ": " + (failure != null ? failure.toString()
                        : response.statusCode() + " " + response.body()));
                giveUp();
                return;
            }
            JsonNode answer = json(response.body());
            long version = answer.path("version").asLong();
            long folded = table.answered(write, answer);
            String negotiation = table.negotiation();
            if (write.move()) {
                acknowledged.move(negotiation, answer.path("moveId").asText(), version);
            } else if (write.kind().equals("OPEN")) {
                acknowledged.negotiation(negotiation);
            }
            lag.acknowledged(negotiation, version, answered);
            if (folded != version) {
                error(write.kind() + " answered version " + version + ", the rules' fold says " + folded);
                giveUp();
            } else if (table.concluded()) {
                lag.finished(negotiation);
            }
        }

        private void giveUp() {
            if (table.negotiation() != null) {
                lag.finished(table.negotiation());
            }
            table.abandon();
        }

        private void done(long answered) {
            lastWriteDone.accumulateAndGet(answered, Math::max);
            writesDone.increment();
            next();
        }
    }

    // ------------------------------------------------------------------ reads: any reader, any table

    /** The readers' connections: a slot takes a free one, or waits for the first to come free. */
    private final class Reads {
        final ArrayDeque<Long> waiting = new ArrayDeque<>();
        int busy;

        void arrive(long slot) {
            synchronized (this) {
                if (busy == READ_CONNECTIONS) {
                    waiting.addLast(slot);
                    return;
                }
                busy++;
            }
            read(slot);
        }

        void done() {
            Long slot;
            synchronized (this) {
                slot = waiting.pollFirst();
                if (slot == null) {
                    busy--;
                    return;
                }
            }
            read(slot);
        }
    }

    /** A deal (now and then conditional), a page of a timeline or the list, as the facilitator, a party or an observer. */
    private void read(long slot) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int laneIndex = random.nextInt(lanes.size());
        String negotiation = lanes.get(laneIndex).table.negotiation();
        long served = negotiation == null ? 0 : lag.served(negotiation);
        String reader = READERS.get(random.nextInt(READERS.size()));
        int roll = random.nextInt(10);
        String path;
        String ifNoneMatch = null;
        String eTagKey = laneIndex + "|" + reader;
        if (served == 0 || roll < 2) {
            // Only what the query side has shown is read by id: a negotiation it has not seen yet is a 404.
            path = "/api/negotiations?limit=50";
        } else if (roll < 7) {
            path = "/api/negotiations/" + negotiation + "/deal";
            String[] last = eTags.get(eTagKey);
            if (roll < 4 && last != null && last[0].equals(negotiation)) {
                ifNoneMatch = last[1];
            }
        } else {
            path = "/api/negotiations/" + negotiation + "/timeline?from=" + Math.max(1, served - 20) + "&limit=50";
        }
        HttpRequest.Builder request = request(stack.queryUrl() + path, reader).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        boolean conditional = ifNoneMatch != null;
        long started = System.nanoTime();
        if (started - slot > LATE_NANOS) {
            lateReads.increment();
        }
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long answered = System.nanoTime();
            try {
                if (slot >= warmUpEnds) {
                    readLatency.recordValue(Math.max(0, answered - slot) / 1000);
                }
                if (failure != null) {
                    error("GET " + path + ": " + failure);
                } else if (response.statusCode() == 200) {
                    response.headers().firstValue("ETag").filter(tag -> path.endsWith("/deal"))
                            .ifPresent(tag -> eTags.put(eTagKey, new String[] {negotiation, tag}));
                } else if (!(conditional && response.statusCode() == 304)) {
                    error("GET " + path + " as " + reader + ": " + response.statusCode() + " " + response.body());
                }
            } finally {
                lastReadDone.accumulateAndGet(answered, Math::max);
                readsDone.increment();
                reads.done();
            }
        });
    }

    // ------------------------------------------------------------------ the lag sampler

    /** The version the query side serves for each negotiation, from one cheap list call. */
    private void sample() {
        try {
            HttpResponse<String> response = client.send(
                    request(stack.queryUrl() + "/api/negotiations?limit=1000", "facilitator").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long at = System.nanoTime();
            if (response.statusCode() != 200) {
                error("the lag sample: " + response.statusCode() + " " + response.body());
                return;
            }
            Map<String, Long> versions = new HashMap<>();
            json(response.body()).forEach(n -> versions.put(n.path("id").asText(), n.path("version").asLong()));
            lag.served(versions, at);
        } catch (IOException | RuntimeException e) {
            error("the lag sample: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ helpers

    private HttpRequest.Builder request(String url, String actor) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.computeIfAbsent(actor, TestTokens::forActor));
    }

    /** CPU time of this JVM: the services, the broker and the load itself (the database server is another process). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static JsonNode json(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void error(String what) {
        if (errors.incrementAndGet() <= 20) {
            errorExamples.add(String.format("%.1f s: %s", (System.nanoTime() - start) / 1e9, what));
        }
    }

    private String kinds() {
        Map<String, Long> counts = new LinkedHashMap<>();
        List.of("OPEN", "PROPOSE", "COUNTER", "ACCEPT", "REJECT", "WITHDRAW", "SIGN")
                .forEach(k -> counts.put(k.toLowerCase(), writesByKind.getOrDefault(k, new LongAdder()).sum()));
        return counts.toString();
    }

    private static String percentiles(Histogram micros) {
        return String.format("%.1f/%.1f/%.1f ms", micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }
}
