package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.query.intake.DealsProjected;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 2: how long after a move's {@code 201} the query side serves the version it made. Moves arrive at a
 * fixed rate (open loop: each has its slot, whether or not the previous one is answered), spread over a few
 * negotiations. The time is taken where the query side commits the projection: the intake announces each committed
 * batch ({@link DealsProjected}), and a listener in the same JVM notes the moment. A move whose version was
 * committed before its {@code 201} arrived counts as zero.
 * <p>
 * The baseline is Kafka alone on the same broker: a producer with the publisher's settings (acks=all, idempotent,
 * linger.ms=5, flushed after each record as the publisher flushes after each batch) sends records of a move's size at
 * the same rate to a consumer that polls, and the time from the send to the poll that returns it is taken.
 */
final class LiveScenario implements Scenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 100;
    private static final int NEGOTIATIONS = 10;

    @Override
    public String name() {
        return "live";
    }

    @Override
    public String description() {
        return "p50/p99 from a move's 201 to its version committed on the query side, at 100 moves/s";
    }

    @Override
    public void run(BenchSettings settings, Report report) throws Exception {
        Duration warmUp = Duration.ofSeconds(settings.pick(3, 10));
        Duration measured = Duration.ofSeconds(settings.pick(10, 60));
        try (BenchStack stack = BenchStack.create(settings, "live")) {
            Latencies kafka = kafkaRoundTrip(stack.kafkaBootstrapServers(), Duration.ofSeconds(settings.pick(1, 3)),
                    Duration.ofSeconds(settings.pick(5, 20)));

            stack.startCommand(Map.of()).startQuery(Map.of())
                    .awaitIntakeAssigned(RebuildScenario.PARTITIONS, Duration.ofSeconds(60));
            Tracker tracker = new Tracker();
            stack.query().addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) event -> {
                if (event.getPayload() instanceof DealsProjected projected) {
                    tracker.committed(projected, System.nanoTime());
                }
            });
            Latencies live = tracker.latencies;
            // Where the time goes: the same moves as a plain consumer of negotiation.events sees them.
            Tracker onTopic = new Tracker();
            AtomicBoolean stopTap = new AtomicBoolean();
            Thread tap = tap(stack.kafkaBootstrapServers(), onTopic, stopTap);
            Mover mover = new Mover(stack, tracker, onTopic);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < NEGOTIATIONS; i++) {
                ids.add(mover.open("live " + i));
            }
            long moves = mover.run(ids, warmUp, measured);
            tracker.awaitAll(Duration.ofSeconds(10));
            stopTap.set(true);
            tap.join();
            long seen = live.count();
            report.note(name(), String.format("from the 201 to the record polled from negotiation.events by a plain"
                            + " consumer: p50 %.1f ms, p99 %.1f ms (the rest is the query side's intake)",
                    onTopic.latencies.percentileMillis(50), onTopic.latencies.percentileMillis(99)));
            mover.checkServed(ids);

            report.note(name(), String.format("%,d moves measured (%,d errors) at %d moves/s over %d negotiations;"
                            + " Kafka alone: %,d records", seen, mover.errors.get(), RATE, NEGOTIATIONS, kafka.count()));
            report.add(Figure.of("live.p50", live.percentileMillis(50), "ms")
                    .against(kafka.percentileMillis(50), "raw Kafka round trip p50"));
            report.add(Figure.of("live.p99", live.percentileMillis(99), "ms").goal(Figure.Goal.atMost(50)));
            report.add(Figure.of("live.p99.vs-kafka", live.percentileMillis(99), "ms")
                    .against(kafka.percentileMillis(99), "raw Kafka round trip p99")
                    .goal(Figure.Goal.ratioAtMost(10)));
            if (moves != seen) {
                report.note(name(), "moves answered " + moves + ", seen committed " + seen);
            }
        }
    }

    /** When each answered version was committed by the query side. */
    static final class Tracker {
        final Latencies latencies = new Latencies();
        private final Map<String, Negotiation> negotiations = new ConcurrentHashMap<>();
        volatile boolean recording;

        private static final class Negotiation {
            long committed;
            long committedAt;
            final NavigableMap<Long, Long> waiting = new TreeMap<>();
        }

        private Negotiation of(String id) {
            return negotiations.computeIfAbsent(id, k -> new Negotiation());
        }

        void committed(DealsProjected projected, long now) {
            for (DealState deal : projected.deals()) {
                committed(deal.negotiationId(), deal.version(), now);
            }
        }

        void committed(String id, long version, long now) {
            Negotiation n = of(id);
            synchronized (n) {
                n.committed = Math.max(n.committed, version);
                n.committedAt = now;
                NavigableMap<Long, Long> done = n.waiting.headMap(version, true);
                done.values().forEach(answeredAt -> record(now - answeredAt));
                done.clear();
            }
        }

        void answered(String id, long version, long now) {
            Negotiation n = of(id);
            synchronized (n) {
                if (n.committed >= version) {
                    record(0);
                } else {
                    n.waiting.put(version, now);
                }
            }
        }

        private void record(long nanos) {
            if (recording) {
                latencies.recordNanos(nanos);
            }
        }

        void awaitAll(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                boolean empty = negotiations.values().stream().allMatch(n -> {
                    synchronized (n) {
                        return n.waiting.isEmpty();
                    }
                });
                if (empty) {
                    return;
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException("moves answered but never projected within " + timeout);
        }
    }

    /** Makes the moves over HTTP, as the parties would. */
    static final class Mover {
        private final BenchStack stack;
        private final Tracker tracker;
        private final Tracker onTopic;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, String> tokens = new HashMap<>();
        final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
        private final Map<String, Long> lastVersion = new ConcurrentHashMap<>();

        Mover(BenchStack stack, Tracker tracker, Tracker onTopic) {
            this.stack = stack;
            this.tracker = tracker;
            this.onTopic = onTopic;
            for (String actor : List.of("facilitator", "UA", "RU", "US", "EU")) {
                tokens.put(actor, stack.token(actor));
            }
        }

        String open(String title) throws Exception {
            JsonNode answer = post("/api/negotiations", "facilitator", MoveCycle.openingJson(title));
            return answer.get("id").asText();
        }

        private JsonNode post(String path, String actor, String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.commandUrl() + path))
                    .header("Authorization", "Bearer " + tokens.get(actor))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }

        /** Moves at {@link #RATE} per second, each negotiation on a thread of its own; returns moves measured. */
        long run(List<String> ids, Duration warmUp, Duration measured) throws Exception {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long warmEnd = start + warmUp.toNanos();
            long end = warmEnd + measured.toNanos();
            AtomicBoolean failed = new AtomicBoolean();
            AtomicReference<Exception> failure = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(ids.size());
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                long first = start + i * interval;
                long every = interval * ids.size();
                done.add(threads.submit(() -> {
                    MoveCycle cycle = new MoveCycle();
                    long slot = first;
                    while (slot < end && !failed.get()) {
                        long wait = slot - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        MoveCycle.Move move = cycle.next();
                        try {
                            JsonNode answer = post("/api/negotiations/" + id + "/moves", move.party(), move.json());
                            long now = System.nanoTime();
                            long version = answer.get("version").asLong();
                            if (!tracker.recording && now >= warmEnd) {
                                tracker.recording = true;
                                onTopic.recording = true;
                            }
                            onTopic.answered(id, version, now);
                            if (tracker.recording) {
                                counted.incrementAndGet();
                            }
                            tracker.answered(id, version, now);
                            lastVersion.put(id, version);
                            cycle.answered(move, answer.get("moveId").asText());
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            failure.compareAndSet(null, e);
                            failed.set(true);
                        }
                        slot += every;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
            if (failure.get() != null) {
                throw failure.get();
            }
            return counted.get();
        }

        /** The query side serves the last version of each negotiation over HTTP too. */
        void checkServed(List<String> ids) throws Exception {
            for (String id : ids) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(stack.queryUrl() + "/api/negotiations/" + id
                                + "/deal")).header("Authorization", "Bearer " + tokens.get("facilitator"))
                        .timeout(Duration.ofSeconds(10)).GET().build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long served = JSON.readTree(response.body()).path("version").asLong();
                if (response.statusCode() != 200 || served != lastVersion.get(id)) {
                    throw new IllegalStateException("GET deal of " + id + ": " + response.statusCode() + ", version "
                            + served + ", expected " + lastVersion.get(id));
                }
            }
        }
    }

    /** A plain consumer of negotiation.events that notes when each version arrives. */
    private static Thread tap(String bootstrap, Tracker onTopic, AtomicBoolean stop) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < RebuildScenario.PARTITIONS; p++) {
            partitions.add(new TopicPartition(RebuildScenario.TOPIC, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (ConsumerRecord<String, byte[]> r : records) {
                        var header = r.headers().lastHeader(EventJson.HEADER_VERSION);
                        long version = Long.parseLong(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
                        onTopic.committed(r.key(), version, now);
                    }
                }
            }
        }, "bench-topic-tap");
        thread.start();
        return thread;
    }

    /**
     * A producer with the publisher's settings sends records of a move's size at {@link #RATE} per second; a
     * consumer polls them. The latency is from just before the send to the poll's return.
     */
    static Latencies kafkaRoundTrip(String bootstrap, Duration warmUp, Duration measured) throws Exception {
        String topic = "bench.round-trip";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] value = sampleEvent();
        Latencies latencies = new Latencies();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean recording = new AtomicBoolean();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 6; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (ConsumerRecord<String, byte[]> r : records) {
                        Long sent = sentAt.remove(r.key());
                        if (sent != null && recording.get()) {
                            latencies.recordNanos(now - sent);
                        }
                    }
                }
            }, "bench-kafka-reader");
            reader.start();
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long start = System.nanoTime();
            long warmEnd = start + warmUp.toNanos();
            long end = warmEnd + measured.toNanos();
            long slot = start;
            int n = 0;
            while (slot < end) {
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (slot >= warmEnd) {
                    recording.set(true);
                }
                String key = "n" + (n % NEGOTIATIONS) + "-" + n++;
                sentAt.put(key, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, key, value));
                // As the publisher ends each batch: what linger.ms would hold back goes at once.
                producer.flush();
                slot += interval;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!sentAt.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            stop.set(true);
            reader.join();
        }
        return latencies;
    }

    /** A move as it travels on the topic, for its size. */
    private static byte[] sampleEvent() {
        RebuildScenario.Session session = new RebuildScenario.Session(UUID.randomUUID().toString());
        Instant at = Instant.now();
        session.next(at);
        PublishedEvent move = session.next(at).get(0);
        return EventJson.write(move);
    }
}
