package io.parley.model.deal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A read-only map in insertion order that only {@link DealState} holds, so that a new state can take the maps it
 * does not change from the old one as they are, and a changed map is copied once, not again by the record's
 * constructor. Before, every event copied every map of the state three or four times, which made folding a
 * negotiation quadratic in its number of proposals.
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {

    private static final FrozenMap<?, ?> EMPTY = new FrozenMap<>(new LinkedHashMap<>());

    private final LinkedHashMap<K, V> entries;
    private final Set<Entry<K, V>> entrySet;

    private FrozenMap(LinkedHashMap<K, V> entries) {
        this.entries = entries;
        this.entrySet = Collections.unmodifiableMap(entries).entrySet();
    }

    /** {@code map} itself when it is frozen already, else a frozen copy (in {@code map}'s iteration order). */
    @SuppressWarnings("unchecked")
    static <K, V> Map<K, V> of(Map<K, V> map) {
        if (map instanceof FrozenMap<K, V> frozen) {
            return frozen;
        }
        return map.isEmpty() ? (Map<K, V>) EMPTY : new FrozenMap<>(new LinkedHashMap<>(map));
    }

    /** A copy of {@code map} with {@code key} set to {@code value} (where it was, or last when new). */
    static <K, V> Map<K, V> with(Map<K, V> map, K key, V value) {
        LinkedHashMap<K, V> next = new LinkedHashMap<>(map);
        next.put(key, value);
        return new FrozenMap<>(next);
    }

    /** A copy of {@code map} with {@code changes} applied in their order. */
    static <K, V> Map<K, V> withAll(Map<K, V> map, Map<K, V> changes) {
        LinkedHashMap<K, V> next = new LinkedHashMap<>(map);
        next.putAll(changes);
        return new FrozenMap<>(next);
    }

    /** A copy of {@code map} without {@code key}. */
    static <K, V> Map<K, V> without(Map<K, V> map, K key) {
        LinkedHashMap<K, V> next = new LinkedHashMap<>(map);
        next.remove(key);
        return new FrozenMap<>(next);
    }

    /** Takes {@code fresh} as it is: the caller built it for this and keeps no reference to it. */
    static <K, V> Map<K, V> owning(LinkedHashMap<K, V> fresh) {
        return new FrozenMap<>(fresh);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return entrySet;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public V get(Object key) {
        return entries.get(key);
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        entries.forEach(action);
    }
}
