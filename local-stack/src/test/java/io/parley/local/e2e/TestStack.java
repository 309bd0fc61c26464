package io.parley.local.e2e;

import io.parley.command.CommandServiceApplication;
import io.parley.local.KafkaBroker;
import io.parley.local.Ports;
import io.parley.query.QueryServiceApplication;
import io.parley.testing.TestDatabase;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole system for tests: a real KRaft broker in-process on a port fixed for the stack's life (so it can be
 * stopped and started again where the services expect it, on the same log directory), command-service and
 * query-service on random HTTP ports, on the tests' PostgreSQL ({@link TestDatabase}: the server named by
 * {@code NEGOTIATION_TEST_JDBC_URL}, else a database of each service's own on the embedded server). Both services authenticate as in production: bearer tokens verified against the test run's key
 * ({@link TestTokens}). Closing it stops the services, then the broker.
 */
public final class TestStack implements SystemUnderTest, ExtensionContext.Store.CloseableResource {

    private final Path kafkaDir;
    private final int kafkaPort;
    private KafkaBroker broker;
    private final ConfigurableApplicationContext command;
    private final ConfigurableApplicationContext query;

    /** @param extraOverrides settings both services get on top of the test defaults */
    public TestStack(String name, Map<String, Object> extraOverrides) {
        try {
            kafkaDir = Files.createTempDirectory("parley-" + name + "-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafkaPort = Ports.freeLoopbackPort();
        broker = new KafkaBroker(kafkaDir, kafkaPort).start();
        command = CommandServiceApplication.start(overrides("command", extraOverrides), false);
        query = QueryServiceApplication.start(overrides("query", extraOverrides), false);
    }

    /**
     * The stack shared by every test class that asks for it under {@code key}: started by the first, stopped when
     * the whole run ends (starting one takes seconds).
     */
    public static synchronized TestStack shared(ExtensionContext context, Class<?> key, Supplier<TestStack> start) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(key, k -> start.get(), TestStack.class);
    }

    private Map<String, Object> overrides(String name, Map<String, Object> extra) {
        Map<String, Object> props = new LinkedHashMap<>(TestDatabase.springProperties(name));
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        props.putAll(jwtTrustingTestTokens());
        props.putAll(extra);
        return props;
    }

    /** The services' own variables, as the local stack sets them: jwt mode, trusting the test run's key. */
    public static Map<String, Object> jwtTrustingTestTokens() {
        Map<String, Object> settings = new LinkedHashMap<>(TestTokens.trustEnvironment());
        settings.put("PARLEY_AUTH_MODE", "jwt");
        return settings;
    }

    /** Shuts the broker down; the services stay up and must cope. */
    public synchronized void stopBroker() {
        broker.close();
    }

    /** A new broker on the same port and log directory: the same cluster, topics and records. */
    public synchronized void startBroker() {
        broker = new KafkaBroker(kafkaDir, kafkaPort).start();
    }

    @Override
    public String commandUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) command).getWebServer().getPort();
    }

    @Override
    public String queryUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) query).getWebServer().getPort();
    }

    @Override
    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** The event store's database, as command-service itself reaches it. */
    @Override
    public DataSource commandDatabase() {
        return command.getBean(DataSource.class);
    }

    @Override
    public void close() {
        query.close();
        command.close();
        broker.close();
        try (var paths = Files.walk(kafkaDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
