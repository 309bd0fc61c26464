package io.parley.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack runs on, read from environment variables with embedded defaults.
 *
 * <ul>
 *   <li>{@code PARLEY_DATA_DIR} (default {@code ./data}): Kafka's log directory and the embedded PostgreSQL's data</li>
 *   <li>{@code PARLEY_KAFKA_PORT} (9092): port of the embedded broker</li>
 *   <li>{@code PARLEY_KAFKA_BOOTSTRAP_SERVERS}: use this Kafka instead of the embedded broker</li>
 *   <li>{@code PARLEY_COMMAND_DB_URL}, {@code PARLEY_QUERY_DB_URL}: use these databases instead of the embedded
 *       PostgreSQL (user and password then come from {@code PARLEY_*_DB_USER} / {@code PARLEY_*_DB_PASSWORD}, read by
 *       the services themselves); with both set, no embedded server starts</li>
 *   <li>{@code PARLEY_POSTGRES_PORT} (5433): port of the embedded PostgreSQL, on 127.0.0.1</li>
 *   <li>{@code PARLEY_COMMAND_PORT} (8081), {@code PARLEY_QUERY_PORT} (8082): the services' HTTP ports</li>
 *   <li>{@code PARLEY_AUTH_ISSUER_URI}, {@code PARLEY_AUTH_JWK_SET_URI} or {@code PARLEY_AUTH_PUBLIC_KEY_LOCATION}:
 *       the services trust that issuer or key (read by the services themselves) and the stack mints no tokens;
 *       without them the stack signs its own tokens with a key kept in the data directory</li>
 *   <li>{@code PARLEY_AUTH_MODE=header}: no authentication, the {@code X-Actor} header is trusted (development
 *       only)</li>
 * </ul>
 */
public record StackSettings(
        Path dataDir,
        int kafkaPort,
        Optional<String> externalKafka,
        Optional<String> commandDbUrl,
        Optional<String> queryDbUrl,
        int commandPort,
        int queryPort,
        int postgresPort,
        Auth auth,
        Optional<String> externalIssuer) {

    /** Who signs the tokens the services accept. */
    public enum Auth {
        /** The stack's own key in the data directory; it mints tokens at every start and on request. */
        LOCAL_KEY,
        /** An issuer or key the user configured; the stack mints nothing. */
        EXTERNAL_ISSUER,
        /** No tokens: the services trust {@code X-Actor} ({@code PARLEY_AUTH_MODE=header}). */
        HEADER
    }

    /** The variables that make the services trust someone else's tokens, in the order they are reported. */
    static final List<String> EXTERNAL_TRUST =
            List.of("PARLEY_AUTH_ISSUER_URI", "PARLEY_AUTH_JWK_SET_URI", "PARLEY_AUTH_PUBLIC_KEY_LOCATION");

    /** Port 0 (any free port, for tests) may repeat; any other port must be used once. */
    public StackSettings {
        if (clash(commandPort, queryPort)
                || externalKafka.isEmpty() && (clash(kafkaPort, commandPort) || clash(kafkaPort, queryPort))) {
            throw new IllegalArgumentException(
                    "PARLEY_KAFKA_PORT, PARLEY_COMMAND_PORT and PARLEY_QUERY_PORT must be three different ports");
        }
        if (clash(postgresPort, commandPort) || clash(postgresPort, queryPort)
                || externalKafka.isEmpty() && clash(postgresPort, kafkaPort)) {
            throw new IllegalArgumentException("PARLEY_POSTGRES_PORT must differ from the other ports");
        }
        if ((auth == Auth.EXTERNAL_ISSUER) != externalIssuer.isPresent()) {
            throw new IllegalArgumentException("an external issuer goes with Auth.EXTERNAL_ISSUER and only with it");
        }
    }

    /** Settings with the stack's own signing key, the embedded PostgreSQL on any free port. */
    public StackSettings(Path dataDir, int kafkaPort, Optional<String> externalKafka, Optional<String> commandDbUrl,
                         Optional<String> queryDbUrl, int commandPort, int queryPort) {
        this(dataDir, kafkaPort, externalKafka, commandDbUrl, queryDbUrl, commandPort, queryPort, 0, Auth.LOCAL_KEY,
                Optional.empty());
    }

    public static StackSettings fromEnvironment(Map<String, String> env) {
        return new StackSettings(
                Path.of(value(env, "PARLEY_DATA_DIR").orElse("data")).toAbsolutePath().normalize(),
                port(env, "PARLEY_KAFKA_PORT", 9092),
                value(env, "PARLEY_KAFKA_BOOTSTRAP_SERVERS"),
                value(env, "PARLEY_COMMAND_DB_URL"),
                value(env, "PARLEY_QUERY_DB_URL"),
                port(env, "PARLEY_COMMAND_PORT", 8081),
                port(env, "PARLEY_QUERY_PORT", 8082),
                port(env, "PARLEY_POSTGRES_PORT", 5433),
                auth(env),
                externalIssuer(env));
    }

    /**
     * Reads only what decides who signs tokens. The {@code token} command uses this alone, so that a port setting
     * meant for the stack cannot stop it from issuing a token.
     */
    public static StackSettings authOnly(Map<String, String> env) {
        return new StackSettings(Path.of(value(env, "PARLEY_DATA_DIR").orElse("data")).toAbsolutePath().normalize(),
                0, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, 0, auth(env), externalIssuer(env));
    }

    public boolean embeddedKafka() {
        return externalKafka.isEmpty();
    }

    public Path kafkaLogDir() {
        return dataDir.resolve("kafka");
    }

    /** Whether a service is left without a configured database, so the stack runs its embedded PostgreSQL. */
    public boolean embeddedDatabase() {
        return commandDbUrl.isEmpty() || queryDbUrl.isEmpty();
    }

    /** The embedded PostgreSQL's data directory. */
    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    /** The embedded PostgreSQL's own log (beside its data directory: the server writes it). */
    public Path postgresLog() {
        return dataDir.resolve("postgres.log");
    }

    /** Where the stack's signing key lives: {@code local-auth} in the data directory. */
    public Path authDir() {
        return dataDir.resolve("local-auth");
    }

    /** The tokens minted at the last start, as JSON. */
    public Path tokensFile() {
        return dataDir.resolve("local-tokens.json");
    }

    private static Auth auth(Map<String, String> env) {
        Optional<String> mode = value(env, "PARLEY_AUTH_MODE").map(m -> m.toLowerCase(Locale.ROOT));
        if (mode.isPresent() && !mode.get().equals("jwt") && !mode.get().equals("header")) {
            throw new IllegalArgumentException("PARLEY_AUTH_MODE must be jwt or header, not '"
                    + env.get("PARLEY_AUTH_MODE").trim() + "'");
        }
        if (mode.isPresent() && mode.get().equals("header")) {
            return Auth.HEADER;
        }
        return externalIssuer(env).isPresent() ? Auth.EXTERNAL_ISSUER : Auth.LOCAL_KEY;
    }

    /** The first variable of {@link #EXTERNAL_TRUST} that is set, as {@code NAME value}; none in header mode. */
    private static Optional<String> externalIssuer(Map<String, String> env) {
        if (value(env, "PARLEY_AUTH_MODE").filter(m -> m.equalsIgnoreCase("header")).isPresent()) {
            return Optional.empty();
        }
        return EXTERNAL_TRUST.stream()
                .flatMap(name -> value(env, name).map(v -> name + " " + v).stream())
                .findFirst();
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
