package dev.floe.objects.internal;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes an object's turn for a call, and refuses the turns that could never come.
 *
 * <p>A thread keeps the chain of objects whose calls it is inside (A's call calling B gives [A, B]).
 * A call to an object already in the chain would wait for itself: it fails at once. Two chains can
 * also wait for each other (one thread holds A and waits for B while another holds B and waits for A):
 * a waiting thread follows who holds the object it waits for, what that thread waits for, and so on;
 * finding itself, it fails instead of waiting forever. Chains carry into {@code callAsync}, so A → B
 * through an asynchronous call and back to A is found too; a thread blocked on a future rather than a
 * lock ends the search, so a cycle through two separate asynchronous calls is not found.
 */
final class CallLocks {
    private static final long RECHECK_MILLIS = 20;

    private final ThreadLocal<Deque<String>> chains = ThreadLocal.withInitial(ArrayDeque::new);
    private final ConcurrentHashMap<Thread, ObjectEntry> waiting = new ConcurrentHashMap<>();

    /** The chain of the current thread, outermost first. */
    List<String> chain() {
        List<String> chain = new ArrayList<>(chains.get());
        java.util.Collections.reverse(chain);
        return chain;
    }

    /** Runs {@code work} with {@code chain} as the current thread's chain (for a call made on another thread). */
    <R> R withChain(List<String> chain, Supplier<R> work) {
        Deque<String> own = chains.get();
        chain.forEach(own::push);
        try {
            return work.get();
        } finally {
            own.clear();
        }
    }

    /** Fails when {@code key} is already in the current chain. */
    void checkNotInChain(String key) {
        Deque<String> chain = chains.get();
        if (chain.contains(key)) {
            throw new FloeException(ErrorCode.CONFLICT, "call cycle: " + String.join(" -> ", chain()) + " -> " + key
                    + ": an object cannot be called while it waits for a call it made; call back asynchronously"
                    + " after returning, or move the shared state into one object");
        }
    }

    /** Takes {@code entry}'s lock, waiting for it unless the wait could never end. */
    void acquire(ObjectEntry entry) {
        if (entry.lock.tryLock()) {
            return;
        }
        Thread self = Thread.currentThread();
        waiting.put(self, entry);
        try {
            while (true) {
                String cycle = cycleThrough(entry, self);
                if (cycle != null) {
                    throw new FloeException(ErrorCode.CONFLICT, "call deadlock: " + cycle + ": two chains of calls wait"
                            + " for each other's objects; have objects call each other in one order, or asynchronously");
                }
                if (entry.lock.tryLock(RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FloeException(ErrorCode.UNAVAILABLE, "interrupted while waiting to call " + entry.id, e);
        } finally {
            waiting.remove(self);
        }
    }

    void push(String key) {
        chains.get().push(key);
    }

    void pop() {
        chains.get().pop();
    }

    /** The objects of a cycle of waits that comes back to {@code self}, or null. */
    private String cycleThrough(ObjectEntry wanted, Thread self) {
        List<String> path = new ArrayList<>();
        ObjectEntry next = wanted;
        for (int hops = 0; next != null && hops < 10_000; hops++) {
            path.add(next.id.local());
            Thread holder = next.lock.holder();
            if (holder == null) {
                return null;
            }
            if (holder == self) {
                return String.join(" -> ", path);
            }
            next = waiting.get(holder);
        }
        return null;
    }
}
