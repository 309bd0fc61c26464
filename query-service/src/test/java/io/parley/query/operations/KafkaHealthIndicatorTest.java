package io.parley.query.operations;

import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.support.kafka.KafkaHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service reports Kafka DOWN when no broker answers, quickly enough for a load balancer's probe. */
@ExtendWith(QueryServiceExtension.class)
class KafkaHealthIndicatorTest {

    @Test
    void a_broker_that_does_not_answer_is_down_within_seconds() throws IOException {
        KafkaHealthIndicator indicator = indicatorFor("127.0.0.1:" + unusedPort());
        try {
            long start = System.nanoTime();
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void a_running_broker_is_up(QueryService service) {
        KafkaHealthIndicator indicator = indicatorFor(service.brokers());
        try {
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        } finally {
            indicator.destroy();
        }
    }

    private static KafkaHealthIndicator indicatorFor(String bootstrapServers) {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(bootstrapServers));
        return new KafkaHealthIndicator(properties);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
