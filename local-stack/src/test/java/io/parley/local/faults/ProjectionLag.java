package io.parley.local.faults;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the query side is behind the event store, per negotiation: the highest version a write was acknowledged
 * with against the version the query side serves, sampled. In events (acknowledged minus served) and in time (from
 * a write's 2xx to the first sample that found its version served: an upper bound, to the sampling interval).
 * Only negotiations not yet served to their end are kept.
 */
final class ProjectionLag {

    private static final class Tracked {
        long acknowledged;
        long served;
        boolean finished;
        /** Versions acknowledged and not yet seen served, with when their answer came: {version, nanos}. */
        final ArrayDeque<long[]> unseen = new ArrayDeque<>();
    }

    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private long maxEvents;
    private long maxNanos;

    /** A write to {@code negotiation} was answered with {@code version} at {@code nanos}. */
    void acknowledged(String negotiation, long version, long nanos) {
        Tracked t = tracked.computeIfAbsent(negotiation, n -> new Tracked());
        synchronized (t) {
            t.acknowledged = Math.max(t.acknowledged, version);
            t.unseen.addLast(new long[] {version, nanos});
        }
    }

    /** No more writes will go to {@code negotiation}: once it is served up to its last version, it is let go. */
    void finished(String negotiation) {
        Tracked t = tracked.get(negotiation);
        if (t != null) {
            synchronized (t) {
                t.finished = true;
            }
        }
    }

    /** One sample: the versions the query side served, as found at {@code nanos}; absent means not served yet. */
    synchronized void served(Map<String, Long> versions, long nanos) {
        tracked.forEach((negotiation, t) -> {
            synchronized (t) {
                t.served = Math.max(t.served, versions.getOrDefault(negotiation, 0L));
                maxEvents = Math.max(maxEvents, t.acknowledged - t.served);
                while (!t.unseen.isEmpty() && t.unseen.peekFirst()[0] <= t.served) {
                    maxNanos = Math.max(maxNanos, nanos - t.unseen.pollFirst()[1]);
                }
                if (t.finished && t.served >= t.acknowledged) {
                    tracked.remove(negotiation);
                }
            }
        });
    }

    /** The version the query side was last found serving for {@code negotiation}; 0 when unknown. */
    long served(String negotiation) {
        Tracked t = tracked.get(negotiation);
        if (t == null) {
            return 0;
        }
        synchronized (t) {
            return t.served;
        }
    }

    /** Whether the query side serves every acknowledged version. */
    boolean caughtUp() {
        return tracked.values().stream().allMatch(t -> {
            synchronized (t) {
                return t.served >= t.acknowledged;
            }
        });
    }

    /** The events the projection has still to apply, summed over the negotiations, as last sampled. */
    long behind() {
        return tracked.values().stream().mapToLong(t -> {
            synchronized (t) {
                return t.acknowledged - t.served;
            }
        }).sum();
    }

    synchronized long maxEvents() {
        return maxEvents;
    }

    synchronized long maxMillis() {
        return maxNanos / 1_000_000;
    }
}
