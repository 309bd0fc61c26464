package io.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.Party;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 3: a fresh query side (empty projection database, a new consumer group) projects a topic that already
 * holds many events, as after a schema change or a lost projection database. The events are written straight onto
 * {@code negotiation.events} in the public format, as command-service would have published them (same key,
 * headers, partitions), from valid sessions: every one comes from {@link DealState#decide}. Negotiations move in
 * turn, one event each, so a batch holds a little of many negotiations, as a busy topic does.
 * <p>
 * The rate is taken once the first tenth of the events is in (the JIT's warm-up), up to the moment every
 * negotiation's row reaches its last version (counted by the intake's own metric, checked in the database). The
 * baseline reads the same topic from the beginning with a plain consumer and parses each value into a JSON tree,
 * timed the same way.
 */
final class RebuildScenario implements Scenario {

    static final String TOPIC = "negotiation.events";
    /** As command-service creates it (parley.kafka.events-topic.partitions). */
    static final int PARTITIONS = 6;

    @Override
    public String name() {
        return "rebuild";
    }

    @Override
    public String description() {
        return "events/s a fresh query side projects from a full topic (1,000,000 events, 1,000 negotiations)";
    }

    @Override
    public void run(BenchSettings settings, Report report) throws Exception {
        int negotiations = settings.pick(100, 1_000);
        int perNegotiation = settings.pick(500, 1_000);
        long total = (long) negotiations * perNegotiation;
        try (BenchStack stack = BenchStack.create(settings, "rebuild")) {
            long t = System.nanoTime();
            long bytes = fill(stack.kafkaBootstrapServers(), negotiations, perNegotiation);
            report.note(name(), String.format("%,d events over %,d negotiations (%,.0f bytes each on average)"
                            + " written to the topic in %.1f s", total, negotiations, bytes / (double) total,
                    (System.nanoTime() - t) / 1e9));

            double baseline = plainConsumer(stack.kafkaBootstrapServers(), total);

            stack.startQuery(Map.of("PARLEY_QUERY_GROUP_ID", "rebuild-" + UUID.randomUUID(),
                    "parley.intake.auto-startup", "false"));
            MeterRegistry meters = stack.query().getBean(MeterRegistry.class);
            Counter applied = meters.get("parley.intake.applied").counter();
            long started = System.nanoTime();
            stack.query().getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("parley-intake").start();
            long warm = 0;
            double appliedWhenWarm = 0;
            long deadline = started + TimeUnit.MINUTES.toNanos(settings.pick(2, 10));
            while (applied.count() < total) {
                if (warm == 0 && applied.count() >= total / 10) {
                    warm = System.nanoTime();
                    appliedWhenWarm = applied.count();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format("the rebuild applied %,.0f of %,d events in %d s",
                            applied.count(), total, TimeUnit.NANOSECONDS.toSeconds(deadline - started)));
                }
                Thread.sleep(5);
            }
            long done = System.nanoTime();
            double rate = (total - appliedWhenWarm) / ((done - warm) / 1e9);
            check(stack, negotiations, perNegotiation);
            report.note(name(), String.format("the whole rebuild, warm-up included: %.1f s, %,.0f events/s",
                    (done - started) / 1e9, total / ((done - started) / 1e9)));
            DistributionSummary batches = meters.get("parley.intake.batch.records").summary();
            Timer transactions = meters.get("parley.intake.batch.transaction").timer();
            report.note(name(), String.format("%,d batches of %,.0f records on average; their database transactions"
                            + " (lock, fold, write, commit) took %.1f s in all, %.1f ms each on average",
                    batches.count(), batches.mean(), transactions.totalTime(TimeUnit.SECONDS),
                    transactions.mean(TimeUnit.MILLISECONDS)));
            report.add(Figure.of("rebuild.rate", rate, "events/s")
                    .against(baseline, "plain consumer, JSON parse only")
                    .goal(Figure.Goal.ratioAtLeast(0.3)));
            report.add(Figure.of("rebuild.rate.absolute", rate, "events/s").goal(Figure.Goal.atLeast(50_000)));
        }
    }

    /** Every negotiation at its last version, in the database itself. */
    private static void check(BenchStack stack, int negotiations, int perNegotiation) throws Exception {
        try (Connection c = stack.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(version), MAX(version) FROM deal_projection")) {
            rs.next();
            if (rs.getLong(1) != negotiations || rs.getLong(2) != perNegotiation || rs.getLong(3) != perNegotiation) {
                throw new IllegalStateException(String.format("deal_projection holds %d rows, versions %d..%d;"
                                + " expected %d rows at version %d", rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        negotiations, perNegotiation));
            }
        }
    }

    /** Writes the sessions onto the topic, a move of each negotiation in turn; returns the bytes of the values. */
    static long fill(String bootstrap, int negotiations, int perNegotiation) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Session> sessions = new ArrayList<>();
            Instant at = Instant.parse("2026-01-05T09:00:00Z");
            for (int i = 0; i < negotiations; i++) {
                sessions.add(new Session(UUID.randomUUID().toString()));
            }
            for (int round = 0; round < perNegotiation; round++) {
                at = at.plusMillis(7);
                for (Session s : sessions) {
                    for (PublishedEvent e : s.next(at)) {
                        byte[] value = EventJson.write(e);
                        bytes += value.length;
                        producer.send(record(e, value));
                    }
                }
            }
            producer.flush();
        }
        return bytes;
    }

    /** As command-service's KafkaPublisher makes it. */
    static ProducerRecord<String, byte[]> record(PublishedEvent event, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(EventJson.HEADER_TYPE, event.type().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(EventJson.HEADER_VERSION,
                Long.toString(event.version()).getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(EventJson.HEADER_CONTENT_TYPE,
                EventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(TOPIC, null, event.at().toEpochMilli(), event.negotiationId(), value, headers);
    }

    /** One negotiation: its state and its moves; each call gives the next version's event. */
    static final class Session {
        final String id;
        private final MoveCycle cycle = new MoveCycle();
        private DealState state = DealState.EMPTY;

        Session(String id) {
            this.id = id;
        }

        List<PublishedEvent> next(Instant at) {
            if (state.version() == 0) {
                return events(state.decide(MoveCycle.opening(id)), Party.FACILITATOR, "facilitator", at);
            }
            MoveCycle.Move move = cycle.next();
            String moveId = UUID.randomUUID().toString();
            List<NegotiationEvent> events = state.decide(move.command(id, moveId));
            cycle.answered(move, moveId);
            return events(events, move.party(), "party:" + move.party(), at);
        }

        private List<PublishedEvent> events(List<NegotiationEvent> events, String actor, String role, Instant at) {
            String correlation = UUID.randomUUID().toString();
            List<PublishedEvent> published = new ArrayList<>(events.size());
            for (NegotiationEvent e : events) {
                state = state.apply(e);
                published.add(new PublishedEvent(UUID.randomUUID().toString(), id, state.version(), at, actor,
                        correlation, e, "bench-" + actor, role));
            }
            return published;
        }
    }

    /** Events/s of a plain consumer reading the whole topic and parsing each value, after the first tenth. */
    static double plainConsumer(String bootstrap, long total) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long fields = 0;
            long warm = 0;
            long readWhenWarm = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (read < total) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    try {
                        fields += json.readTree(r.value()).size();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                read += records.count();
                if (warm == 0 && read >= total / 10) {
                    warm = System.nanoTime();
                    readWhenWarm = read;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the plain consumer read only " + read + " of " + total);
                }
            }
            long done = System.nanoTime();
            if (fields == 0) {
                throw new IllegalStateException("no fields parsed");
            }
            return (total - readWhenWarm) / ((done - warm) / 1e9);
        }
    }
}
