package io.parley.support.kafka;

import org.apache.kafka.clients.admin.AdminClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** Both services' {@code kafka} health component. */
@AutoConfiguration
@ConditionalOnClass({AdminClient.class, KafkaProperties.class})
public class KafkaHealthConfiguration {

    @Bean("kafka")
    @ConditionalOnMissingBean(name = "kafka")
    KafkaHealthIndicator kafka(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka);
    }
}
