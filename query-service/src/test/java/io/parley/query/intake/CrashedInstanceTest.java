package io.parley.query.intake;

import io.parley.query.support.Projected;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.parley.query.support.Projected.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that is killed never tells the consumer group it is gone: the group keeps its partitions until its
 * session times out. That wait is how long the deals behind those partitions stand still after a crash, so it is
 * kept short (Kafka's own default would be 45 s).
 */
@ExtendWith(QueryServiceExtension.class)
class CrashedInstanceTest {

    private static final Duration KAFKA_DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);

    @Test
    void partitions_of_an_instance_that_died_without_leaving_the_group_flow_again_well_before_kafkas_default_timeout(
            QueryService service) {
        // A second instance, configured as the service's own consumers are.
        Map<String, Object> config = new HashMap<>(
                service.app().getBean(ConsumerFactory.class).getConfigurationProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG,
                service.app().getEnvironment().getRequiredProperty("parley.intake.group-id"));
        // What a killed process does: it closes nothing and never says goodbye to the group.
        config.put("internal.leave.group.on.close", false);
        Set<TopicPartition> held;
        try (KafkaConsumer<String, byte[]> crashed = new KafkaConsumer<>(config)) {
            crashed.subscribe(List.of(QueryService.TOPIC));
            await("a partition for the second instance").atMost(Duration.ofSeconds(60)).until(() -> {
                crashed.poll(Duration.ofMillis(100));
                return !crashed.assignment().isEmpty();
            });
            held = crashed.assignment();
        }
        long died = System.nanoTime();

        Session session = Projected.agreedNatoPause("Behind a crashed instance");
        int partition = held.iterator().next().partition();
        session.events().forEach(e -> service.publish(partition, e));

        await("the deal behind the crashed instance's partition").atMost(KAFKA_DEFAULT_SESSION_TIMEOUT.minusSeconds(15))
                .until(() -> version(service, session.id()) == session.version());
        System.out.printf("partition %d flowed again %.1f s after its instance died%n", partition,
                (System.nanoTime() - died) / 1e9);
        assertThat(Projected.timelineRows(service, session.id())).isEqualTo(session.events().size());
    }
}
