package io.parley.command.eventstore;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The negotiations last loaded, kept in memory so that a move does not replay every event of its negotiation: Axon's
 * caching repository asks it before reading the event store, and puts the aggregate back after each command.
 * <p>
 * A bounded cache (the least recently used negotiations leave first) that holds only what the database holds: Axon
 * puts the aggregate while the command's transaction is still open, and that transaction may yet roll back after
 * Axon is done (the idempotency record is written after the command, and the commit itself can fail). So a put made
 * inside a transaction takes the negotiation out of the cache at once (a concurrent command then reads the store,
 * where the pending events are invisible, and meets the store's unique (negotiation, sequence) key as it would without
 * a cache) and puts it in only after the commit, and only if no later command on that negotiation has been saved
 * meanwhile. A command that fails inside Axon (a refusal, a lost race on the unique key) evicts the negotiation through
 * Axon's own rollback handling, so the retry reads the store. An entry made stale by another instance writing to the
 * same database is found out the same way: its next append hits the unique key, the command is rolled back (evicting
 * it) and retried on what the store holds.
 */
public final class AggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> entries;
    /** The newest save on each negotiation whose transaction is still open. */
    private final ConcurrentMap<Object, Long> pendingSaves = new ConcurrentHashMap<>();
    private final AtomicLong saves = new AtomicLong();

    /** @param maximumSize how many negotiations are kept at most */
    public AggregateCache(long maximumSize) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
        this.entries = cache.asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            entries.put(key, value);
            return;
        }
        long save = saves.incrementAndGet();
        pendingSaves.put(key, save);
        entries.remove(key);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                pendingSaves.computeIfPresent(key, (k, newest) -> {
                    if (newest != save) {
                        // A later command on this negotiation was saved after this one: its state is the newer.
                        return newest;
                    }
                    if (status == STATUS_COMMITTED) {
                        entries.put(key, value);
                    }
                    return null;
                });
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    /** Nothing listens to aggregate cache entries; listeners are not supported. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache does not notify listeners");
    }

    /** How many negotiations are held now. */
    public long size() {
        return cache.estimatedSize();
    }

    /** Evicts what is over the size now rather than in the background (for tests). */
    void cleanUp() {
        cache.cleanUp();
    }
}
