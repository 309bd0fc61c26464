package io.parley.local.faults;

import io.parley.command.CommandServiceApplication;
import io.parley.local.KafkaBroker;
import io.parley.query.QueryServiceApplication;
import io.parley.testing.TestDatabase;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system the fault scenarios break: a real KRaft broker on a port fixed for the whole run (so that it can be
 * stopped and started again where the services expect it, on the same log directory), command-service and
 * query-service in jwt mode trusting the test run's key, on random HTTP ports. Kept apart from the end-to-end
 * stack: a broker outage here must not fail anyone else's test. Started once for the fault scenarios, stopped when
 * the run ends.
 */
public final class FaultStack implements BeforeAllCallback {

    private static Stack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (FaultStack.class) {
            if (stack == null) {
                stack = new Stack();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(FaultStack.class, stack);
            }
        }
    }

    public static Stack get() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(FaultStack.class)");
        }
        return stack;
    }

    public static final class Stack implements ExtensionContext.Store.CloseableResource {
        private final Path kafkaDir;
        private final int kafkaPort;
        private KafkaBroker broker;
        private final ConfigurableApplicationContext command;
        private final ConfigurableApplicationContext query;

        Stack() {
            try {
                kafkaDir = Files.createTempDirectory("parley-faults-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            kafkaPort = freePort();
            broker = new KafkaBroker(kafkaDir, kafkaPort).start();
            command = CommandServiceApplication.start(overrides("command"), false);
            query = QueryServiceApplication.start(overrides("query"), false);
        }

        private Map<String, Object> overrides(String name) {
            Map<String, Object> props = new LinkedHashMap<>(TestDatabase.springProperties(name));
            props.put("server.port", "0");
            props.put("server.address", "127.0.0.1");
            props.put("spring.kafka.bootstrap-servers", "localhost:" + kafkaPort);
            props.put("PARLEY_AUTH_MODE", "jwt");
            props.put("PARLEY_AUTH_PUBLIC_KEY_LOCATION", TestTokens.publicKeyLocation());
            // The load comes from a handful of test accounts far faster than any person types.
            props.put("PARLEY_WRITE_RATE_PER_MINUTE", "1000000");
            props.put("PARLEY_WRITE_BURST", "100000");
            return props;
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Shuts the broker down; the services stay up and must cope. */
        public synchronized void stopBroker() {
            broker.close();
        }

        /** A new broker on the same port and log directory: the same cluster, topics and records. */
        public synchronized void startBroker() {
            broker = new KafkaBroker(kafkaDir, kafkaPort).start();
        }

        public String commandUrl() {
            return "http://127.0.0.1:" + ((WebServerApplicationContext) command).getWebServer().getPort();
        }

        public String queryUrl() {
            return "http://127.0.0.1:" + ((WebServerApplicationContext) query).getWebServer().getPort();
        }

        public String kafkaBootstrapServers() {
            return "localhost:" + kafkaPort;
        }

        /** The event store's database, as command-service itself reaches it. */
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
}
