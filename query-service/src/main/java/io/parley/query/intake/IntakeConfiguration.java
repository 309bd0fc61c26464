package io.parley.query.intake;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    /**
     * A batch that fails is a database that is unreachable or refuses the write for now (records the intake cannot
     * apply are parked, not thrown): retry the same batch with growing pauses and never give up, because giving up
     * would skip events and leave the projections behind for good. Spring Boot hands this bean to the listener
     * container factory.
     */
    @Bean
    CommonErrorHandler intakeErrorHandler(
            @Value("${parley.intake.retry.initial-interval:200ms}") Duration initial,
            @Value("${parley.intake.retry.max-interval:10s}") Duration max) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        // The defaults already mean "forever"; spelled out because skipping would lose events.
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Integer.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        // Out of the box a few exception types are never retried, which here would mean skipped: retry them all.
        handler.setClassifications(Map.of(), true);
        return handler;
    }
}
