package io.parley.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack runs on, read from environment variables with embedded defaults.
 *
 * <ul>
 *   <li>{@code PARLEY_DATA_DIR} (default {@code ./data}): Kafka's log directory and the H2 databases</li>
 *   <li>{@code PARLEY_KAFKA_PORT} (9092): port of the embedded broker</li>
 *   <li>{@code PARLEY_KAFKA_BOOTSTRAP_SERVERS}: use this Kafka instead of the embedded broker</li>
 *   <li>{@code PARLEY_COMMAND_DB_URL}, {@code PARLEY_QUERY_DB_URL}: use these databases instead of the H2 files
 *       (user and password then come from {@code PARLEY_*_DB_USER} / {@code PARLEY_*_DB_PASSWORD}, read by the
 *       services themselves)</li>
 *   <li>{@code PARLEY_COMMAND_PORT} (8081), {@code PARLEY_QUERY_PORT} (8082): the services' HTTP ports</li>
 * </ul>
 */
public record StackSettings(
        Path dataDir,
        int kafkaPort,
        Optional<String> externalKafka,
        Optional<String> commandDbUrl,
        Optional<String> queryDbUrl,
        int commandPort,
        int queryPort) {

    /** Port 0 (any free port, for tests) may repeat; any other port must be used once. */
    public StackSettings {
        if (clash(commandPort, queryPort)
                || externalKafka.isEmpty() && (clash(kafkaPort, commandPort) || clash(kafkaPort, queryPort))) {
            throw new IllegalArgumentException(
                    "PARLEY_KAFKA_PORT, PARLEY_COMMAND_PORT and PARLEY_QUERY_PORT must be three different ports");
        }
    }

    public static StackSettings fromEnvironment(Map<String, String> env) {
        return new StackSettings(
                Path.of(value(env, "PARLEY_DATA_DIR").orElse("data")).toAbsolutePath().normalize(),
                port(env, "PARLEY_KAFKA_PORT", 9092),
                value(env, "PARLEY_KAFKA_BOOTSTRAP_SERVERS"),
                value(env, "PARLEY_COMMAND_DB_URL"),
                value(env, "PARLEY_QUERY_DB_URL"),
                port(env, "PARLEY_COMMAND_PORT", 8081),
                port(env, "PARLEY_QUERY_PORT", 8082));
    }

    public boolean embeddedKafka() {
        return externalKafka.isEmpty();
    }

    public Path kafkaLogDir() {
        return dataDir.resolve("kafka");
    }

    /** An H2 file database in the data directory. Spring closes it; H2's own exit hook would close it too early. */
    public String h2Url(String name) {
        return "jdbc:h2:file:" + dataDir.resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static boolean clash(int port, int other) {
        return port != 0 && port == other;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        Optional<String> text = value(env, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a port number from 1 to 65535, not '" + text.get() + "'");
    }
}
