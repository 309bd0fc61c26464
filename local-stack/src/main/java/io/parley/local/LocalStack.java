package io.parley.local;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.parley.command.CommandServiceApplication;
import io.parley.query.QueryServiceApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs all of Parley on embedded defaults: a real Kafka broker (KRaft) in this JVM with its log in the data directory,
 * a real PostgreSQL server ({@link EmbeddedDatabase}, a process of its own) with its data in the same directory, and
 * command-service and query-service in this JVM, each on its own database of that server. Settings:
 * {@link StackSettings}.
 *
 * <p>The services read their configuration from {@code PARLEY_*} variables through placeholders; this class hands
 * them the values it chose as properties of the same names, which win over the environment.
 *
 * <p>Authentication: unless an external issuer is configured, the stack signs its own tokens with a key kept in the
 * data directory ({@link LocalSigningKey}), makes both services trust it, and mints a token for each role at every
 * start ({@link LocalTokens}). {@code java -jar local-stack.jar token <role> [negotiationId ...]} issues one more
 * without starting anything ({@link TokenCommand}).
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final StackSettings settings;
    private final Object lifecycle = new Object();

    private boolean stopping;
    private KafkaBroker broker;
    private EmbeddedDatabase database;
    private String kafkaBootstrap;
    private ConfigurableApplicationContext commandService;
    private ConfigurableApplicationContext queryService;
    private LocalSigningKey signingKey;
    private LocalTokens tokens;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(List.of(args).subList(1, args.length), System.getenv(), System.out,
                    System.err));
            return;
        }
        if (args.length > 0) {
            System.err.println("usage: ./run.sh             starts Parley\n"
                    + "       ./run.sh token ...   issues a token (./run.sh token --help)");
            System.exit(TokenCommand.BAD_ARGUMENTS);
            return;
        }
        long startedAt = System.nanoTime();
        LocalStack stack;
        try {
            stack = new LocalStack(StackSettings.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Axon prints an advertisement for a console this stack does not use.
        System.setProperty("disable-axoniq-console-message", "true");
        // Registered before anything starts, so that Ctrl-C during start-up also stops what is already running.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "parley-stop"));
        try {
            stack.start();
        } catch (Stopping e) {
            return;
        } catch (PortInUse e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("Parley could not start: " + rootMessage(e));
            System.exit(1);
        }
        System.out.print(stack.banner((System.nanoTime() - startedAt) / 1_000_000));
        System.out.flush();
    }

    /** Starts the broker (unless an external Kafka is configured), then command-service, then query-service. */
    public void start() {
        checkPortsAreFree();
        createDataDir();
        step(this::prepareSigningKey);
        // PostgreSQL starts beside the broker: neither needs the other, and the services need both.
        CompletableFuture<Void> databaseStarted = settings.embeddedDatabase()
                ? CompletableFuture.runAsync(this::startDatabase, task -> new Thread(task, "parley-postgres").start())
                : CompletableFuture.completedFuture(null);
        if (settings.embeddedKafka()) {
            step(() -> broker = new KafkaBroker(settings.kafkaLogDir(), settings.kafkaPort()).start());
            kafkaBootstrap = broker.bootstrapServers();
        } else {
            kafkaBootstrap = settings.externalKafka().orElseThrow();
        }
        await(databaseStarted);
        if (settings.commandDbUrl().isEmpty() && settings.queryDbUrl().isEmpty()) {
            // Before the services start: they must find the negotiations an earlier release kept in H2 files.
            step(this::importEarlierRelease);
        }
        step(() -> commandService = CommandServiceApplication.start(commandServiceOverrides(), false));
        step(() -> queryService = QueryServiceApplication.start(queryServiceOverrides(), false));
        if (signingKey != null) {
            // New tokens at every start: each is valid for its full term from the moment it is printed.
            tokens = LocalTokens.mint(signingKey, Instant.now());
            tokens.writeTo(settings.tokensFile());
        }
    }

    /**
     * Stops query-service, then command-service, then the broker, then PostgreSQL: the services still need Kafka and
     * their databases while they close (the last offsets commit, the last publication). Safe to call more than once.
     */
    public void stop() {
        boolean anythingRan;
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
            anythingRan = broker != null || commandService != null || queryService != null || database != null;
            close("query-service", queryService);
            close("command-service", commandService);
            if (broker != null) {
                try {
                    broker.close();
                } catch (RuntimeException e) {
                    log.warn("The Kafka broker did not stop cleanly: {}", rootMessage(e));
                }
            }
            if (database != null) {
                try {
                    database.close();
                } catch (RuntimeException e) {
                    log.warn("PostgreSQL did not stop cleanly: {}", rootMessage(e));
                }
            }
        }
        if (anythingRan) {
            System.out.println("stopped");
            System.out.flush();
        }
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    public int commandServicePort() {
        return portOf(commandService);
    }

    public int queryServicePort() {
        return portOf(queryService);
    }

    /** The tokens minted at this start; empty when the services trust another issuer or no tokens at all. */
    public Optional<LocalTokens> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** The embedded PostgreSQL; empty when both services were given a database. */
    public Optional<EmbeddedDatabase> database() {
        return Optional.ofNullable(database);
    }

    /** The key the services trust; empty unless the stack signs its own tokens. */
    public Optional<LocalSigningKey> signingKey() {
        return Optional.ofNullable(signingKey);
    }

    String banner(long startMillis) {
        String kafka = settings.embeddedKafka()
                ? kafkaBootstrap + " (embedded broker)"
                : kafkaBootstrap + " (external)";
        String command = "http://localhost:" + commandServicePort();
        String query = "http://localhost:" + queryServicePort();
        return String.format("""

                Parley is running (started in %.1f s)
                  command-service  %s   Swagger UI %s/swagger-ui.html
                  query-service    %s   Swagger UI %s/swagger-ui.html
                  Kafka            %s
                  PostgreSQL       %s
                  data directory   %s
                  authentication   %s
                %s
                Ctrl-C stops everything.

                """, startMillis / 1000.0, command, command, query, query, kafka, postgres(), settings.dataDir(),
                authentication(),
                tokensText(query));
    }

    private String postgres() {
        if (database == null) {
            return "external (PARLEY_COMMAND_DB_URL, PARLEY_QUERY_DB_URL)";
        }
        return "127.0.0.1:" + database.port() + " (embedded; databases " + EmbeddedDatabase.COMMAND + " and "
                + EmbeddedDatabase.QUERY + ", user " + EmbeddedDatabase.USER + ", data in "
                + shown(settings.postgresDir()) + ")";
    }

    private String authentication() {
        return switch (settings.auth()) {
            case LOCAL_KEY -> "bearer tokens signed by this stack's key in " + shown(settings.authDir())
                    + (signingKey.created() ? " (new)" : "");
            case EXTERNAL_ISSUER -> "bearer tokens from " + settings.externalIssuer().orElseThrow()
                    + "; this stack mints no tokens, get them from that issuer";
            case HEADER -> "OFF (PARLEY_AUTH_MODE=header): the X-Actor header is trusted, for development only";
        };
    }

    private String tokensText(String queryUrl) {
        if (tokens == null) {
            return "";
        }
        String file = shown(settings.tokensFile());
        return "\nTokens, valid until " + DateTimeFormatter.ISO_LOCAL_DATE.format(tokens.expires().atZone(ZoneOffset.UTC))
                + " (also in " + file + "):\n"
                + tokens.lines()
                + "  e.g. curl -H \"Authorization: Bearer $(jq -r .UA " + file + ")\" " + queryUrl + "/api/negotiations\n"
                + "  more: ./run.sh token <facilitator|observer|party:ID> [negotiationId ...]\n";
    }

    /** A path as the user would type it: relative when under the working directory. */
    private static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) && !path.equals(here) ? here.relativize(path).toString() : path.toString();
    }

    /** Starts the embedded PostgreSQL; one that is ready after a stop began is stopped again at once. */
    private void startDatabase() {
        EmbeddedDatabase started = EmbeddedDatabase.start(settings.postgresDir(), settings.postgresPort(),
                settings.postgresLog());
        synchronized (lifecycle) {
            if (stopping) {
                started.close();
                throw new Stopping();
            }
            database = started;
        }
    }

    private static void await(CompletableFuture<Void> started) {
        try {
            started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** An earlier release's H2 files in the data directory are imported once, with one line to say so. */
    private void importEarlierRelease() {
        EarlierRelease.importIfPresent(settings.dataDir(), database.dataSource(EmbeddedDatabase.COMMAND),
                database.dataSource(EmbeddedDatabase.QUERY)).ifPresent(imported -> {
                    System.out.println(imported.message());
                    System.out.flush();
                });
    }

    /** Loads or makes the key the services will trust, unless they trust another issuer or no tokens at all. */
    void prepareSigningKey() {
        if (settings.auth() == StackSettings.Auth.LOCAL_KEY && signingKey == null) {
            signingKey = LocalSigningKey.loadOrCreate(settings.authDir());
        }
    }

    Map<String, Object> commandServiceOverrides() {
        Map<String, Object> overrides = commonOverrides();
        overrides.put("PARLEY_COMMAND_PORT", settings.commandPort());
        database(overrides, "PARLEY_COMMAND_DB", settings.commandDbUrl().orElse(null), EmbeddedDatabase.COMMAND);
        return overrides;
    }

    Map<String, Object> queryServiceOverrides() {
        Map<String, Object> overrides = commonOverrides();
        overrides.put("PARLEY_QUERY_PORT", settings.queryPort());
        database(overrides, "PARLEY_QUERY_DB", settings.queryDbUrl().orElse(null), EmbeddedDatabase.QUERY);
        return overrides;
    }

    private Map<String, Object> commonOverrides() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("PARLEY_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        // One banner for the whole stack, printed when everything is up.
        overrides.put("spring.main.banner-mode", "off");
        // Logging is set up once per JVM, by the first service: its name would stand on the other's lines too.
        overrides.put("logging.include-application-name", false);
        // Logging must outlive the services: the stack's own hook closes them and they log while closing.
        overrides.put("logging.register-shutdown-hook", false);
        if (signingKey != null) {
            // Wins over the environment too: the tokens this stack prints must be the ones the services accept.
            overrides.put("PARLEY_AUTH_MODE", "jwt");
            overrides.put("PARLEY_AUTH_PUBLIC_KEY_LOCATION", signingKey.publicKeyLocation());
            overrides.put("PARLEY_AUTH_ISSUER", LocalSigningKey.ISSUER);
            overrides.put("PARLEY_AUTH_AUDIENCE", LocalSigningKey.AUDIENCE);
        }
        return overrides;
    }

    /** A configured database is used as given; otherwise the service's database on the embedded server. */
    private void database(Map<String, Object> overrides, String prefix, String configuredUrl, String embeddedName) {
        if (configuredUrl != null) {
            overrides.put(prefix + "_URL", configuredUrl);
        } else {
            overrides.put(prefix + "_URL", database.url(embeddedName));
            overrides.put(prefix + "_USER", EmbeddedDatabase.USER);
            overrides.put(prefix + "_PASSWORD", "");
        }
    }

    private void checkPortsAreFree() {
        if (settings.embeddedKafka()) {
            requireFree(settings.kafkaPort(), "the Kafka broker", "PARLEY_KAFKA_PORT",
                    " (or use a running Kafka with PARLEY_KAFKA_BOOTSTRAP_SERVERS)");
        }
        requireFree(settings.commandPort(), "command-service", "PARLEY_COMMAND_PORT", "");
        requireFree(settings.queryPort(), "query-service", "PARLEY_QUERY_PORT", "");
        if (settings.embeddedDatabase() && settings.postgresPort() != 0
                && EmbeddedDatabase.postmaster(settings.postgresDir()).isEmpty()) {
            // A server of an earlier, killed run may hold the port itself: it is stopped before the new one starts.
            requireFree(settings.postgresPort(), "the embedded PostgreSQL", "PARLEY_POSTGRES_PORT",
                    " (or use a running PostgreSQL with PARLEY_COMMAND_DB_URL and PARLEY_QUERY_DB_URL)");
        }
    }

    private static void requireFree(int port, String what, String variable, String alternative) {
        if (!Ports.isFree(port)) {
            throw new PortInUse(port, "Port " + port + " for " + what + " is already in use: stop what uses it, or"
                    + " choose another port with " + variable + alternative + ".");
        }
    }

    /** Owner-only when new: it holds the signing key, the tokens and every negotiation. */
    private void createDataDir() {
        PrivateFiles.createDirectory(settings.dataDir());
    }

    /** One start-up step, unless a stop has begun: then nothing more starts. */
    private void step(Runnable action) {
        synchronized (lifecycle) {
            if (stopping) {
                throw new Stopping();
            }
            action.run();
        }
    }

    private static void close(String name, ConfigurableApplicationContext context) {
        if (context == null) {
            return;
        }
        try {
            context.close();
        } catch (RuntimeException e) {
            log.warn("{} did not stop cleanly: {}", name, rootMessage(e));
        }
    }

    private static int portOf(ConfigurableApplicationContext context) {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return web.getWebServer().getPort();
        }
        throw new IllegalStateException("the service is not running");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** Start-up was interrupted by a stop (Ctrl-C while starting). */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }
}
