package io.parley.support.kafka;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code kafka} in {@code /actuator/health}: DOWN when the broker does not describe its cluster within two seconds.
 * One admin client, made at the first check, lives as long as the service, so a probe does not open a connection
 * each time. On the command side, commands still succeed while it is DOWN (the event store is the truth); only
 * publishing waits for Kafka to come back. On the query side, reads go on from the projections.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Object> config;
    private AdminClient admin;

    public KafkaHealthIndicator(KafkaProperties kafka) {
        super("Kafka is not reachable");
        config = kafka.buildAdminProperties(null);
        config.put("request.timeout.ms", (int) TIMEOUT.toMillis());
        config.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
        config.putIfAbsent("client.id", "parley-health");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin().describeCluster(
                new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        KafkaFuture.allOf(cluster.clusterId(), cluster.nodes()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get())
                .withDetail("brokers", cluster.nodes().get().size());
    }

    private synchronized AdminClient admin() {
        if (admin == null) {
            admin = AdminClient.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
