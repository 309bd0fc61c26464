package io.parley.query.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.query.QueryServiceApplication;
import io.parley.testing.TestDatabase;
import io.parley.testing.TestTokens;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The service under test as its neighbours see it: a real in-process Kafka broker (KRaft) to publish to, the
 * running service to ask over HTTP, and its database to look into. Started once for the whole test run.
 */
public final class QueryService implements ExtensionContext.Store.CloseableResource {

    public static final String TOPIC = "negotiation.events";
    /** As command-service creates the topic: more partitions than the service has consumers, so others can join. */
    public static final int PARTITIONS = 6;
    public static final String ALLOWED_ORIGIN = "https://board.example.org";

    private final EmbeddedKafkaKraftBroker broker;
    private final ConfigurableApplicationContext app;
    private final KafkaProducer<String, byte[]> producer;
    private final Http http;

    private QueryService(EmbeddedKafkaKraftBroker broker, ConfigurableApplicationContext app) {
        this.broker = broker;
        this.app = app;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
        this.http = new Http(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
    }

    /** The service in development mode: callers are named by X-Actor, as before authentication existed. */
    static QueryService start() {
        Map<String, Object> settings = new LinkedHashMap<>(TestDatabase.springProperties("query"));
        settings.put("parley.auth.mode", "header");
        settings.put("spring.main.sources", SwitchableDatabase.class.getName());
        return start(settings);
    }

    /**
     * The service as deployed: every read needs a bearer token signed by {@link TestTokens}' key, and browsers from
     * {@link #ALLOWED_ORIGIN} may call it.
     */
    static QueryService startWithTokens() {
        Map<String, Object> settings = new LinkedHashMap<>(TestDatabase.springProperties("query-tokens"));
        settings.put("parley.auth.mode", "jwt");
        settings.putAll(TestTokens.trustSettings());
        settings.put("parley.cors.allowed-origins", ALLOWED_ORIGIN);
        return start(settings);
    }

    private static QueryService start(Map<String, Object> settings) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.afterPropertiesSet();
        Map<String, Object> overrides = new LinkedHashMap<>(settings);
        overrides.put("server.port", 0);
        overrides.put("server.address", "127.0.0.1");
        overrides.put("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
        overrides.put("parley.intake.retry.max-interval", "1s");
        overrides.put("spring.main.banner-mode", "off");
        try {
            ConfigurableApplicationContext app = QueryServiceApplication.start(overrides, false);
            // As in local-stack, the topic appears after the query service started: command-service creates it.
            broker.addTopics(new NewTopic(TOPIC, PARTITIONS, (short) 1));
            return new QueryService(broker, app);
        } catch (RuntimeException e) {
            broker.destroy();
            throw e;
        }
    }

    public Http http() {
        return http;
    }

    public JdbcTemplate jdbc() {
        return app.getBean(JdbcTemplate.class);
    }

    public ConfigurableApplicationContext app() {
        return app;
    }

    public String brokers() {
        return broker.getBrokersAsString();
    }

    /** The current count of a Micrometer counter of the service. */
    public double counter(String name) {
        Counter counter = app.getBean(MeterRegistry.class).find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Publishes events in the public format, keyed by negotiation id, and waits until the broker has them. */
    public void publish(List<PublishedEvent> events) {
        events.forEach(e -> send(null, e));
    }

    /** Publishes an event to one partition, so that a test knows what stands behind what. */
    public void publish(int partition, PublishedEvent event) {
        send(partition, event);
    }

    /** Publishes events one by one and waits until the projection of their negotiation has the last of them. */
    public void publishAndAwait(List<PublishedEvent> events) {
        publish(events);
        PublishedEvent last = events.get(events.size() - 1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc().queryForList(
                "SELECT version FROM deal_projection WHERE negotiation_id = ?", Long.class, last.negotiationId())
                .stream().anyMatch(v -> v >= last.version()));
    }

    /** Publishes arbitrary bytes, as a broken or foreign producer might. */
    public void publishRaw(int partition, String key, byte[] value) {
        await(new ProducerRecord<>(TOPIC, partition, key, value));
    }

    private void send(Integer partition, PublishedEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, partition, event.negotiationId(),
                EventJson.write(event));
        record.headers()
                .add(new RecordHeader(EventJson.HEADER_TYPE, bytes(event.type())))
                .add(new RecordHeader(EventJson.HEADER_VERSION, bytes(Long.toString(event.version()))))
                .add(new RecordHeader(EventJson.HEADER_CONTENT_TYPE, bytes(EventJson.CONTENT_TYPE)));
        await(record);
    }

    private void await(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused a record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Stops the service before the broker, so that no consumer is left talking to a broker that is gone. */
    @Override
    public void close() {
        producer.close();
        app.close();
        broker.destroy();
    }
}
