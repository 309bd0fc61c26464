package io.parley.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    private static final String TOPIC = "negotiation.events";

    @TempDir
    Path dataDir;

    @Test
    void a_restarted_broker_still_has_the_topics_and_records_written_before() throws Exception {
        Path logDir = dataDir.resolve("kafka");
        String clusterId;

        try (KafkaBroker broker = new KafkaBroker(logDir, 0).start()) {
            clusterId = broker.clusterId();
            assertThat(clusterIdReportedBy(broker)).isEqualTo(clusterId);

            send(broker, "negotiation-1", "NegotiationOpened");

            assertThat(readAll(broker, 1)).containsExactly("negotiation-1=NegotiationOpened");
            assertThat(partitionCount(broker)).as("auto-created topics get num.partitions").isEqualTo(6);
        }

        try (KafkaBroker broker = new KafkaBroker(logDir, 0).start()) {
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            assertThat(clusterIdReportedBy(broker)).isEqualTo(clusterId);
            assertThat(topics(broker)).contains(TOPIC);

            send(broker, "negotiation-1", "MoveProposed");

            assertThat(readAll(broker, 2))
                    .containsExactly("negotiation-1=NegotiationOpened", "negotiation-1=MoveProposed");
        }
    }

    @Test
    void a_port_already_taken_is_refused_with_one_clear_sentence() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> new KafkaBroker(dataDir.resolve("kafka"), port).start())
                    .isInstanceOf(PortInUse.class)
                    .hasMessage("Port " + port + " for the Kafka broker is already in use");
        }
    }

    @Test
    void a_second_broker_on_the_same_directory_is_refused_and_the_first_keeps_its_data() throws Exception {
        Path logDir = dataDir.resolve("kafka");
        try (KafkaBroker first = new KafkaBroker(logDir, 0).start()) {
            send(first, "negotiation-2", "NegotiationOpened");

            assertThatThrownBy(() -> new KafkaBroker(logDir, 0).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The Kafka log directory " + logDir + " is in use by another running broker");

            assertThat(readAll(first, 1)).containsExactly("negotiation-2=NegotiationOpened");
        }
    }

    @Test
    void a_broker_that_is_not_running_has_no_address() {
        KafkaBroker broker = new KafkaBroker(dataDir.resolve("kafka"), 0);

        assertThatThrownBy(broker::bootstrapServers)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the Kafka broker is not running");
    }

    private static void send(KafkaBroker broker, String key, String value) throws Exception {
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    /** Reads the topic from the start, without a consumer group, until the expected number of records arrived. */
    private static List<String> readAll(KafkaBroker broker, int expected) {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.key() + "=" + r.value()));
                assertThat(read).hasSizeGreaterThanOrEqualTo(expected);
            });
        }
        return read;
    }

    private static String clusterIdReportedBy(KafkaBroker broker) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(broker)) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static Set<String> topics(KafkaBroker broker) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(broker)) {
            return admin.listTopics().names().get();
        }
    }

    private static int partitionCount(KafkaBroker broker) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(broker)) {
            return admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().size();
        }
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
