package dev.floe.query;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A thread-safe map bounded by the total weight of its values: past it, the least recently used go.
 * For what planning reads from files that never change, so that a value once read stays right.
 */
final class WeighedCache<K, V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final Map<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    WeighedCache(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The value, or null. */
    synchronized V get(K key) {
        return entries.get(key);
    }

    /**
     * Keeps {@code value} unless the key has one already (read meanwhile by another query) or it alone
     * weighs more than the limit.
     */
    synchronized void put(K key, V value) {
        long added = weigher.applyAsLong(value);
        if (added > maxWeight || entries.putIfAbsent(key, value) != null) {
            return;
        }
        weight += added;
        Iterator<V> eldest = entries.values().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= weigher.applyAsLong(eldest.next());
            eldest.remove();
        }
    }
}
