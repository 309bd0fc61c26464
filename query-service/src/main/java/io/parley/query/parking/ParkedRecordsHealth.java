package io.parley.query.parking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.query.intake.ParkKind;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Shows how many records are parked (not yet retried or skipped), by kind, and since when the oldest one waits,
 * under {@code intake} in {@code /actuator/health}. Parked records need a person to look at them (see
 * {@code /api/admin/parked}), but the service keeps serving, so this indicator only reports: it is UP whenever it
 * can count (the database indicator says when the database is down). The same count, by kind, is the gauge
 * {@code parley.intake.parked.current}, read from the database when scraped so that retries and skips show at once.
 */
@Component("intake")
class ParkedRecordsHealth extends AbstractHealthIndicator {

    private final Parking parked;

    ParkedRecordsHealth(Parking parked, MeterRegistry registry) {
        super("Cannot count parked records");
        this.parked = parked;
        for (ParkKind kind : ParkKind.values()) {
            Gauge.builder("parley.intake.parked.current", parked, p -> p.countParked(kind))
                    .description("records parked now, not yet retried or skipped").tag("kind", kind.name())
                    .register(registry);
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<ParkKind, Long> counts;
        Optional<Instant> oldest;
        try {
            counts = parked.countByKind();
            oldest = parked.oldestParkedAt();
        } catch (RuntimeException unreachable) {
            builder.unknown().withDetail("parked", "unknown: the database is not reachable");
            return;
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        builder.up().withDetail("parked", total).withDetail("parkedByKind", counts);
        oldest.ifPresent(at -> builder.withDetail("oldestParkedAt", at.toString()));
    }
}
