package io.parley.command.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One token bucket per caller: {@code burst} writes at once, refilled at {@code perMinute} a minute. Buckets live
 * in memory, per service instance, in a bounded cache; a caller's bucket is forgotten once it has been idle long
 * enough to be full again, so forgetting it changes nothing.
 */
@Component
public class WriteRateLimit {

    private static final long MAX_CALLERS = 100_000;

    private final WriteRateProperties rate;
    private final Cache<String, Bucket> buckets;

    public WriteRateLimit(WriteRateProperties rate) {
        this.rate = rate;
        Duration refillOfAFullBurst = Duration.ofMillis((rate.burst() * 60_000 + rate.perMinute() - 1) / rate.perMinute());
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_CALLERS)
                .expireAfterAccess(refillOfAFullBurst.plusSeconds(1))
                .build();
    }

    /**
     * Takes one write from the caller's bucket.
     *
     * @throws RateLimited when the bucket is empty
     */
    public void take(String callerKey) {
        ConsumptionProbe probe = buckets.get(callerKey, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
            throw new RateLimited(seconds, rate.perMinute(), rate.burst());
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(rate.burst())
                        .refillGreedy(rate.perMinute(), Duration.ofMinutes(1))
                        .build())
                .build();
    }
}
