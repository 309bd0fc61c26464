package io.parley.command.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/** Forgets answers older than {@code parley.idempotency.retention}, so the table does not grow without end. */
@Component
public class IdempotencyCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

    private final IdempotencyRecords records;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();

    public IdempotencyCleanup(IdempotencyRecords records, @Value("${parley.idempotency.retention:24h}") Duration retention) {
        this.records = records;
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "${parley.idempotency.cleanup-interval:PT1H}",
            fixedDelayString = "${parley.idempotency.cleanup-interval:PT1H}")
    public int forgetExpiredAnswers() {
        int forgotten = records.deleteOlderThan(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("Forgot {} Idempotency-Key answers older than {}", forgotten, retention);
        }
        return forgotten;
    }
}
