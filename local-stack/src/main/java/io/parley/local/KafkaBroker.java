package io.parley.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run inside this JVM.
 *
 * <p>The log directory is persistent: the first start formats it with a new cluster id, later starts reuse that
 * cluster, its topics and its records. Clients connect to {@code localhost:<port>}; the controller listens on a
 * second loopback port chosen at each start.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int STARTUP_TIMEOUT_MS = 60_000;

    private final Path logDir;
    private final int requestedPort;

    private FileLock directoryLock;
    private KafkaRaftServer server;
    private int port;
    private String clusterId;

    /**
     * @param logDir where Kafka keeps its metadata and records; created and formatted when new
     * @param port   the client port, or 0 for any free port
     */
    public KafkaBroker(Path logDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        this.logDir = logDir.toAbsolutePath().normalize();
        this.requestedPort = port;
    }

    /** Starts the broker and returns once it answers clients. */
    public synchronized KafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("the Kafka broker is already running on " + bootstrapServers());
        }
        long startedAt = System.nanoTime();
        int clientPort = choosePort();
        int controllerPort = Ports.freeLoopbackPort();
        while (controllerPort == clientPort) {
            controllerPort = Ports.freeLoopbackPort();
        }

        createLogDir();
        directoryLock = lockLogDir();
        KafkaRaftServer starting;
        String cluster;
        try {
            KafkaConfig config = new KafkaConfig(settings(clientPort, controllerPort), false);
            cluster = formatIfNew();
            starting = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException e) {
            releaseLogDir();
            throw e;
        }
        try {
            starting.startup();
            awaitAnswer("localhost:" + clientPort);
        } catch (RuntimeException e) {
            starting.shutdown();
            starting.awaitShutdown();
            releaseLogDir();
            throw e;
        }
        server = starting;
        port = clientPort;
        clusterId = cluster;
        log.info("Kafka broker up on localhost:{} in {} ms (cluster {}, log directory {})",
                clientPort, (System.nanoTime() - startedAt) / 1_000_000, cluster, logDir);
        return this;
    }

    /** The address clients use, {@code localhost:<port>}. */
    public synchronized String bootstrapServers() {
        requireRunning();
        return "localhost:" + port;
    }

    public synchronized int port() {
        requireRunning();
        return port;
    }

    /** The id the log directory was formatted with; the same across restarts on the same directory. */
    public synchronized String clusterId() {
        requireRunning();
        return clusterId;
    }

    public Path logDir() {
        return logDir;
    }

    /** Shuts the broker down in order (flushing its logs) and waits until it has stopped. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        releaseLogDir();
        log.info("Kafka broker on localhost:{} stopped", port);
    }

    private int choosePort() {
        if (requestedPort == 0) {
            return Ports.freeLoopbackPort();
        }
        if (!Ports.isFree(requestedPort)) {
            throw new PortInUse(requestedPort, "Port " + requestedPort + " for the Kafka broker is already in use");
        }
        return requestedPort;
    }

    /** The broker's configuration, written as strings as in a server.properties file. */
    private Map<String, String> settings(int clientPort, int controllerPort) {
        Map<String, String> settings = new HashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(NODE_ID));
        settings.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("listeners",
                "PLAINTEXT://127.0.0.1:" + clientPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("log.dirs", logDir.toString());
        settings.put("metadata.log.dir", logDir.toString());

        // One node: nothing can be replicated, so every internal topic and every default asks for one replica.
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        // Fewer internal partitions than the default 50: the first consumer group and transaction start faster.
        settings.put("offsets.topic.num.partitions", "6");
        settings.put("transaction.state.log.num.partitions", "6");
        settings.put("num.partitions", "6");
        settings.put("auto.create.topics.enable", "true");
        // Consumers join at once instead of waiting for more members that will never come.
        settings.put("group.initial.rebalance.delay.ms", "0");
        // Local data is kept until the directory is deleted, not aged out after a week.
        settings.put("log.retention.ms", "-1");
        // The log cleaner (compacted topics) allocates this buffer on the heap at start-up; the default is 128 MB.
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // One broker has no replica to recover from: a record is on disk before the broker acknowledges it, so a
        // power loss cannot take back an event the publisher has already recorded as sent.
        settings.put("log.flush.interval.messages", "1");
        // After a kill, the restarted broker must wait out its earlier self's session before it can register again:
        // seconds here, not Kafka's default nine. Broker and controller share one process, so no heartbeat is lost.
        settings.put("broker.session.timeout.ms", "3000");
        settings.put("broker.heartbeat.interval.ms", "500");
        return settings;
    }

    private void createLogDir() {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log directory " + logDir, e);
        }
    }

    /**
     * Keeps a second broker off this directory. Kafka locks it only when its broker part starts, after the controller
     * part has already opened the metadata log: two processes would share that log for a moment.
     */
    private FileLock lockLogDir() {
        Path lockFile = logDir.resolve("parley-broker.lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("The Kafka log directory " + logDir
                        + " is in use by another running broker");
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the Kafka log directory " + logDir, e);
        }
    }

    private void releaseLogDir() {
        if (directoryLock == null) {
            return;
        }
        try {
            directoryLock.release();
            directoryLock.channel().close();
        } catch (IOException e) {
            log.warn("Could not release the lock on {}: {}", logDir, e.getMessage());
        }
        directoryLock = null;
    }

    /** Formats a new directory with a fresh cluster id; a formatted one keeps its id, topics and records. */
    private String formatIfNew() {
        Path metaProperties = logDir.resolve("meta.properties");
        if (Files.exists(metaProperties)) {
            return readClusterId(metaProperties);
        }
        String newClusterId = Uuid.randomUuid().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(newClusterId)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
        log.info("Formatted a new Kafka log directory {} (cluster {})", logDir, newClusterId);
        return newClusterId;
    }

    private static String readClusterId(Path metaProperties) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaProperties, e);
        }
        return properties.getProperty("cluster.id");
    }

    /** The broker counts as up once a client gets an answer to describeCluster. */
    private static void awaitAnswer(String bootstrapServers) {
        Map<String, Object> clientSettings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, STARTUP_TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, STARTUP_TIMEOUT_MS);
        try (Admin admin = Admin.create(clientSettings)) {
            if (admin.describeCluster(new DescribeClusterOptions().timeoutMs(STARTUP_TIMEOUT_MS))
                    .nodes().get().isEmpty()) {
                throw new IllegalStateException("the Kafka broker on " + bootstrapServers + " reports no nodes");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Kafka broker on " + bootstrapServers + " does not answer: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("the Kafka broker is not running");
        }
    }
}
