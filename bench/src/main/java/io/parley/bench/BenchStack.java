package io.parley.bench;

import io.parley.command.CommandServiceApplication;
import io.parley.local.KafkaBroker;
import io.parley.local.LocalSigningKey;
import io.parley.local.Ports;
import io.parley.query.QueryServiceApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scenario measures against, in this JVM: a real KRaft broker of its own, a fresh database
 * ({@link BenchDatabase}), and command-service and/or query-service as in production (jwt mode, trusting a key made
 * for the run), on free ports. Both services share the database, as they may in production. Closing stops the
 * services, the broker, and drops the database.
 */
public final class BenchStack implements AutoCloseable {

    private final BenchSettings settings;
    private final String name;
    private final KafkaBroker broker;
    private final String bootstrap;
    private final BenchDatabase database;
    private final LocalSigningKey key;
    private ConfigurableApplicationContext command;
    private ConfigurableApplicationContext query;

    private BenchStack(BenchSettings settings, String name) {
        this.settings = settings;
        this.name = name;
        try {
            Path dir = Files.createDirectories(settings.workDir().resolve(name));
            int port = Ports.freeLoopbackPort();
            this.broker = new KafkaBroker(dir.resolve("kafka"), port).start();
            this.bootstrap = broker.bootstrapServers();
            this.key = LocalSigningKey.loadOrCreate(dir.resolve("auth"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.database = BenchDatabase.create(settings, name);
    }

    /** A broker and a database, no services yet. */
    public static BenchStack create(BenchSettings settings, String name) {
        return new BenchStack(settings, name);
    }

    /** Starts command-service; {@code overrides} are Spring properties on top of the stack's. */
    public BenchStack startCommand(Map<String, Object> overrides) {
        command = CommandServiceApplication.start(settings("command", overrides), false);
        return this;
    }

    /** Starts query-service; {@code overrides} are Spring properties on top of the stack's. */
    public BenchStack startQuery(Map<String, Object> overrides) {
        query = QueryServiceApplication.start(settings("query", overrides), false);
        return this;
    }

    public void stopQuery() {
        if (query != null) {
            query.close();
            query = null;
        }
    }

    private Map<String, Object> settings(String service, Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>(database.springProperties());
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("spring.kafka.bootstrap-servers", bootstrap);
        props.put("PARLEY_AUTH_MODE", "jwt");
        props.put("PARLEY_AUTH_PUBLIC_KEY_LOCATION", key.publicKeyLocation());
        props.put("PARLEY_AUTH_ISSUER", LocalSigningKey.ISSUER);
        props.put("PARLEY_AUTH_AUDIENCE", LocalSigningKey.AUDIENCE);
        // The benchmark's clients write far faster than people do.
        props.put("PARLEY_WRITE_RATE_PER_MINUTE", "100000000");
        props.put("PARLEY_WRITE_BURST", "10000000");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.io.parley", "WARN");
        props.putAll(overrides);
        return props;
    }

    /** A bearer token: {@code facilitator}, {@code observer} or a party id. */
    public String token(String actor) {
        String role = actor.equals("facilitator") || actor.equals("observer") ? actor : "party:" + actor;
        return key.sign("bench-" + actor, role, List.of(), Instant.now());
    }

    public String commandUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) command).getWebServer().getPort();
    }

    public String queryUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) query).getWebServer().getPort();
    }

    public ConfigurableApplicationContext command() {
        return command;
    }

    public ConfigurableApplicationContext query() {
        return query;
    }

    /**
     * Waits until the query side's consumers hold all {@code partitions} of the events topic between them: before
     * that, the group is still forming and records wait for a rebalance, which is start-up, not the live path.
     */
    public BenchStack awaitIntakeAssigned(int partitions, Duration atMost) throws InterruptedException {
        MessageListenerContainer intake = query.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("parley-intake");
        long deadline = System.nanoTime() + atMost.toNanos();
        while (intake == null || intake.getAssignedPartitions() == null
                || intake.getAssignedPartitions().size() < partitions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the query side's consumers hold "
                        + (intake == null ? "no" : intake.getAssignedPartitions()) + " partitions after " + atMost);
            }
            Thread.sleep(50);
        }
        return this;
    }

    public String kafkaBootstrapServers() {
        return bootstrap;
    }

    public BenchDatabase database() {
        return database;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        stopQuery();
        if (command != null) {
            command.close();
        }
        broker.close();
        database.close();
    }
}
