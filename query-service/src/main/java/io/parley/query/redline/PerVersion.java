package io.parley.query.redline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What was computed from one version of a negotiation, kept for the next reader: a version never changes, so an
 * answer for (negotiation, version, variant) stays right. The least recently read answers go first.
 *
 * @param <V> the answer; shared between readers, so it must be immutable
 */
public final class PerVersion<V> {

    private final Map<Key, V> answers;

    public PerVersion(int capacity) {
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The answer for this version and variant, computed with {@code compute} when it is not known. It is computed
     * outside the lock, so two first readers may both compute it (and get the same answer) but never wait for each
     * other's work on another negotiation.
     */
    public V get(String negotiationId, long version, String variant, Supplier<V> compute) {
        Key key = new Key(negotiationId, version, variant);
        synchronized (answers) {
            V known = answers.get(key);
            if (known != null) {
                return known;
            }
        }
        V answer = compute.get();
        synchronized (answers) {
            answers.put(key, answer);
        }
        return answer;
    }

    private record Key(String negotiationId, long version, String variant) {
    }
}
