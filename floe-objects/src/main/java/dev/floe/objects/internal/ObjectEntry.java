package dev.floe.objects.internal;

import dev.floe.objects.DurableObject;
import dev.floe.objects.ObjectId;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one live slot of an object in the process: the lock its calls take turns on, its opened
 * database and its instance (both made on first use, guarded by the lock), and when it was last used.
 * An evicted entry is never used again; a later call makes a new one.
 */
final class ObjectEntry {
    /** A lock that says which thread holds it, to find cycles of waiting calls. */
    static final class OwnedLock extends ReentrantLock {
        Thread holder() {
            return getOwner();
        }
    }

    final ObjectId<?> id;
    final OwnedLock lock = new OwnedLock();
    OpenObject open;
    DurableObject instance;
    boolean evicted;
    private volatile long lastUsedNanos = System.nanoTime();

    ObjectEntry(ObjectId<?> id) {
        this.id = id;
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    boolean idleSince(long cutoffNanos) {
        return lastUsedNanos - cutoffNanos < 0;
    }
}
