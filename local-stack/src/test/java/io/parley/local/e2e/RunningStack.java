package io.parley.local.e2e;

import io.parley.command.CommandServiceApplication;
import io.parley.local.KafkaBroker;
import io.parley.query.QueryServiceApplication;
import io.parley.testing.TestDatabase;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole system for end-to-end tests: a real KRaft broker in-process, command-service and query-service
 * on random ports, on PostgreSQL when {@code NEGOTIATION_TEST_JDBC_URL} is set, else on private H2 databases.
 * Both services authenticate as in production: bearer tokens, verified against the test run's key
 * ({@link TestTokens}).
 * Started once per test run and shared by every test class (starting it takes seconds); stopped in order
 * (services, then broker) when the run ends.
 */
public final class RunningStack implements BeforeAllCallback {

    private static Stack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (RunningStack.class) {
            if (stack == null) {
                stack = new Stack();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningStack.class, stack);
            }
        }
    }

    public static Stack get() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(RunningStack.class)");
        }
        return stack;
    }

    public static final class Stack implements ExtensionContext.Store.CloseableResource {
        private final Path kafkaDir;
        private final KafkaBroker broker;
        private final ConfigurableApplicationContext command;
        private final ConfigurableApplicationContext query;

        Stack() {
            try {
                kafkaDir = Files.createTempDirectory("parley-e2e-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = new KafkaBroker(kafkaDir, 0).start();
            command = CommandServiceApplication.start(overrides("command"), false);
            query = QueryServiceApplication.start(overrides("query"), false);
        }

        private Map<String, Object> overrides(String name) {
            Map<String, Object> props = new LinkedHashMap<>(TestDatabase.springProperties(name));
            props.put("server.port", "0");
            props.put("server.address", "127.0.0.1");
            props.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
            props.putAll(jwtTrustingTestTokens());
            return props;
        }

        /** The services' own variables, as the local stack sets them: jwt mode, trusting the test run's key. */
        static Map<String, Object> jwtTrustingTestTokens() {
            return Map.of("PARLEY_AUTH_MODE", "jwt", "PARLEY_AUTH_PUBLIC_KEY_LOCATION", TestTokens.publicKeyLocation());
        }

        public String commandUrl() {
            return "http://127.0.0.1:" + ((WebServerApplicationContext) command).getWebServer().getPort();
        }

        public String queryUrl() {
            return "http://127.0.0.1:" + ((WebServerApplicationContext) query).getWebServer().getPort();
        }

        public String kafkaBootstrapServers() {
            return broker.bootstrapServers();
        }

        public ConfigurableApplicationContext commandContext() {
            return command;
        }

        @Override
        public void close() {
            query.close();
            command.close();
            broker.close();
            deleteQuietly(kafkaDir);
        }

        private static void deleteQuietly(Path dir) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temp directory left behind is harmless.
            }
        }
    }
}
