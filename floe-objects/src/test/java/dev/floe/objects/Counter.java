package dev.floe.objects;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A test object: a counter in key-value storage that emits an event per change. */
public class Counter extends DurableObject {
    static final Namespace<Counter> NAMESPACE = Namespace.of("https://test.floe", "Counter", Counter::new);
    static final AtomicInteger STARTS = new AtomicInteger();

    @Override
    protected void onStart() {
        STARTS.incrementAndGet();
    }

    public long increment() {
        long next = value() + 1;
        ctx().storage().put("count", next);
        emitEvent("incremented", Map.of("count", next));
        return next;
    }

    /** Reads, pauses, then writes: without one call at a time, concurrent calls would lose updates. */
    public long slowIncrement() {
        long next = value() + 1;
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx().storage().put("count", next);
        return next;
    }

    public long value() {
        return ctx().storage().get("count", Long.class).orElse(0L);
    }

    /** Increments, then fails: nothing of it may remain. */
    public long incrementAndFail() {
        increment();
        throw new IllegalStateException("failing on purpose");
    }

    /** Increments, then increments again in a savepoint that fails and is caught: only the first remains. */
    public long incrementThenFailInside() {
        increment();
        try {
            ctx().storage().transactionSync((Runnable) () -> {
                increment();
                throw new IllegalStateException("failing inside on purpose");
            });
        } catch (IllegalStateException expected) {
            // The call goes on without the savepoint's writes.
        }
        return value();
    }

    /** Waits for {@code latch} inside the call, so another object's call must run meanwhile. */
    public boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Calls {@code other} with {@code method} from inside this call. */
    public long callOther(ObjectId<Counter> other, java.util.function.Function<Counter, Long> method) {
        return env().get(other).call(method);
    }
}
