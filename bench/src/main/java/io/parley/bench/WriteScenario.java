package io.parley.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 1: moves per second that command-service accepts over HTTP from 16 clients, each moving on a negotiation of
 * its own, back to back; and the latency of a move. Baseline: as many rows of the size of a stored move event
 * (payload and metadata as found in {@code domainevententry} after the run), inserted into a table of the same shape
 * in the same database, one row per transaction, from as many threads through plain JDBC.
 */
public final class WriteScenario implements Scenario {

    static final int CLIENTS = 16;

    @Override
    public String name() {
        return "write";
    }

    @Override
    public String description() {
        return "moves/s over HTTP, 16 clients on distinct negotiations, vs plain JDBC row inserts";
    }

    @Override
    public void run(BenchSettings settings, Report report) throws Exception {
        long warmUpNanos = settings.pick(3, 10) * 1_000_000_000L;
        long measureNanos = settings.pick(6, 45) * 1_000_000_000L;
        if (settings.database() == BenchDatabase.Kind.EMBEDDED_POSTGRESQL) {
            report.note(name(), "no PostgreSQL configured (PARLEY_BENCH_JDBC_URL): measured on the local stack's"
                    + " embedded PostgreSQL (fsync on)");
        }
        try (BenchStack stack = BenchStack.create(settings, name()).startCommand(Map.of())) {
            Latencies latencies = new Latencies();
            AtomicLong moves = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long[] window = new long[2];
            try {
                List<Table> tables = new ArrayList<>();
                List<Http> https = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    Http http = new Http();
                    https.add(http);
                    tables.add(Table.open(stack, http, "write " + i));
                }
                long start = System.nanoTime();
                window[0] = start + warmUpNanos;
                window[1] = window[0] + measureNanos;
                List<Future<Long>> done = new ArrayList<>();
                for (Table table : tables) {
                    done.add(clients.submit(() -> {
                        long made = 0;
                        while (true) {
                            long t0 = System.nanoTime();
                            if (t0 >= window[1]) {
                                return made;
                            }
                            table.move();
                            long t1 = System.nanoTime();
                            if (t0 >= window[0] && t1 <= window[1]) {
                                latencies.recordNanos(t1 - t0);
                                moves.incrementAndGet();
                            }
                            made++;
                        }
                    }));
                }
                for (Future<Long> f : done) {
                    f.get();
                }
            } finally {
                clients.shutdownNow();
            }
            long measured = moves.get();
            double rate = measured / (measureNanos / 1e9);

            StoredEvent sample = StoredEvent.typical(stack.database());
            Baseline baseline = jdbcBaseline(stack.database(), sample, measured);
            report.note(name(), String.format("%d moves measured; a stored move event is %d bytes (payload %d + metadata %d)",
                    measured, sample.payload.length + sample.metaData.length, sample.payload.length, sample.metaData.length));
            report.add(Figure.of("write.rate", rate, "moves/s")
                    .against(baseline.rate, "plain JDBC inserts of as many rows, a commit each, " + CLIENTS + " threads")
                    .goal(Figure.Goal.ratioAtLeast(0.5)));
            report.add(Figure.of("write.p50", latencies.percentileMillis(50), "ms")
                    .against(baseline.latencies.percentileMillis(50), "one plain JDBC insert + commit"));
            report.add(Figure.of("write.p99", latencies.percentileMillis(99), "ms")
                    .against(baseline.latencies.percentileMillis(99), "one plain JDBC insert + commit"));
        }
    }

    /** A row as command-service stored it for a move: its payload, metadata and type. */
    record StoredEvent(String type, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {

        /** The stored move event whose size is nearest the average of all of them (the opening events left out). */
        static StoredEvent typical(BenchDatabase database) throws SQLException {
            String size = "(OCTET_LENGTH(payload) + COALESCE(OCTET_LENGTH(metaData), 0))";
            String moves = "payloadType NOT LIKE '%NegotiationOpened'";
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT type, payloadType, payloadRevision, payload, metaData FROM domainevententry"
                         + " WHERE " + moves + " ORDER BY ABS(" + size + " - (SELECT AVG(" + size + ") FROM domainevententry"
                         + " WHERE " + moves + ")), globalIndex LIMIT 1")) {
                if (!r.next()) {
                    throw new IllegalStateException("no move was stored");
                }
                byte[] meta = r.getBytes(5);
                return new StoredEvent(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4),
                        meta == null ? new byte[0] : meta);
            }
        }
    }

    private static final String EVENT_STORE_MIGRATION = "/db/migration/command/V1__event_store.sql";

    record Baseline(double rate, Latencies latencies) {
    }

    /** The event table's own definition, from command-service's migration, under {@code name}. */
    static String eventTableAs(String name) throws IOException {
        String migration;
        try (InputStream in = WriteScenario.class.getResourceAsStream(EVENT_STORE_MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException(EVENT_STORE_MIGRATION + " is not on the class path");
            }
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = migration.indexOf("CREATE TABLE domainevententry");
        int end = migration.indexOf(");", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException(EVENT_STORE_MIGRATION + " no longer creates domainevententry");
        }
        return migration.substring(start, end + 1).replace("domainevententry", name);
    }

    /**
     * {@code rows} rows like {@code sample} inserted into a copy of the event table (same columns, keys and unique
     * constraints), one transaction each, from {@link #CLIENTS} threads, each on an aggregate of its own.
     */
    static Baseline jdbcBaseline(BenchDatabase database, StoredEvent sample, long rows) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(eventTableAs("bench_plain_rows"));
        }
        Latencies latencies = new Latencies();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            // Warm-up: connections open, statements prepared, the table's first pages written.
            runInserts(threads, database, sample, 50L * CLIENTS, null);
            latencies.reset();
            long t0 = System.nanoTime();
            runInserts(threads, database, sample, Math.max(rows, CLIENTS), latencies);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Baseline(Math.max(rows, CLIENTS) / seconds, latencies);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void runInserts(ExecutorService threads, BenchDatabase database, StoredEvent sample, long rows,
                                   Latencies latencies) throws Exception {
        List<Future<Void>> done = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            long count = rows / CLIENTS + (t < rows % CLIENTS ? 1 : 0);
            Callable<Void> inserts = () -> {
                String aggregate = UUID.randomUUID().toString();
                try (Connection c = database.connect();
                     PreparedStatement insert = c.prepareStatement("INSERT INTO bench_plain_rows (aggregateIdentifier,"
                             + " sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision, payloadType,"
                             + " timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    c.setAutoCommit(false);
                    for (long i = 0; i < count; i++) {
                        long start = System.nanoTime();
                        insert.setString(1, aggregate);
                        insert.setLong(2, i);
                        insert.setString(3, sample.type());
                        insert.setString(4, UUID.randomUUID().toString());
                        insert.setBytes(5, sample.metaData());
                        insert.setBytes(6, sample.payload());
                        insert.setString(7, sample.payloadRevision());
                        insert.setString(8, sample.payloadType());
                        insert.setString(9, Instant.now().toString());
                        insert.executeUpdate();
                        c.commit();
                        if (latencies != null) {
                            latencies.recordNanos(System.nanoTime() - start);
                        }
                    }
                }
                return null;
            };
            done.add(threads.submit(inserts));
        }
        for (Future<Void> f : done) {
            f.get();
        }
    }
}
