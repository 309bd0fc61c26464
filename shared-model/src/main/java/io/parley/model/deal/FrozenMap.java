package io.parley.model.deal;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An unmodifiable map in insertion order that the fold made itself and nobody else holds, so {@link DealState} can
 * pass it from state to state without copying it again: the fold copies a map once when it changes it, not once per
 * record it builds.
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {

    private final Map<K, V> map;

    private FrozenMap(Map<K, V> map) {
        this.map = map;
    }

    /** {@code map} itself if it is frozen already, else a frozen copy of it. */
    static <K, V> Map<K, V> of(Map<K, V> map) {
        return map instanceof FrozenMap<K, V> ? map : new FrozenMap<>(new LinkedHashMap<>(map));
    }

    /** Freezes a map the caller has just built and will not touch again (no copy). */
    static <K, V> Map<K, V> own(LinkedHashMap<K, V> fresh) {
        return new FrozenMap<>(fresh);
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public Set<K> keySet() {
        return Collections.unmodifiableSet(map.keySet());
    }

    @Override
    public Collection<V> values() {
        return Collections.unmodifiableCollection(map.values());
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return Collections.unmodifiableMap(map).entrySet();
    }
}
