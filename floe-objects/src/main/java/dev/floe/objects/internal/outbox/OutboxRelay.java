package dev.floe.objects.internal.outbox;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.floe.client.FloeClient;
import dev.floe.client.SendResult;
import dev.floe.error.FloeException;
import dev.floe.objects.Bindings;
import dev.floe.objects.ObjectId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox rows to their streams. Objects whose commits wrote rows are queued; a fixed number
 * of workers (the concurrency bound) take one object at a time, read up to a batch of its rows per
 * binding under the object's turn, send each batch in one request outside it (so calls are not held
 * up by the network), and delete what was acknowledged at the object's next turn. Rows that pile up
 * while an object waits in the queue go out together, so the busier the relay, the larger its batches.
 * An object whose last turn began less than the linger ago waits out the rest of it before its next
 * turn, so that one committing often is sent in fewer, fuller requests: a request costs the relay and
 * the server far more than a row.
 *
 * <p>Each object is one idempotent producer: its rows of a binding go out in order, numbered by the
 * outbox's delivery numbers, one request at a time, so a row sent again (after a failure, a crash
 * before its deletion, a restart) is acknowledged by the stream as a duplicate and stored once.
 * While the server is unreachable, busy or refusing, an object waits a growing, bounded pause and
 * tries again, without end; the rows stay in its database meanwhile.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Batches of one object sent per turn before others get theirs. */
    private static final int ROUNDS_PER_TURN = 4;

    /** Reaches an object's outbox during its turn. */
    public interface OutboxAccess {
        <R> R withOutbox(ObjectId<?> id, OutboxWork<R> work);
    }

    @FunctionalInterface
    public interface OutboxWork<R> {
        R apply(Outbox outbox, String producerId);
    }

    private enum Turn { DONE, MORE, FAILED }

    /** One batch per binding, read in one turn. */
    private record Batch(String producerId, Map<String, List<Outbox.Row>> rows, Map<String, Long> firstDelivery) {
    }

    /** An object's place in the relay: idle, queued, being sent (and signalled meanwhile), or pausing. */
    private static final class Task {
        static final int IDLE = 0;
        static final int QUEUED = 1;
        static final int RUNNING = 2;
        static final int RUNNING_SIGNALLED = 3;
        static final int PAUSED = 4;

        final ObjectId<?> id;
        final AtomicInteger state = new AtomicInteger(IDLE);
        final Map<String, Outbox.Acknowledged> acknowledged = new LinkedHashMap<>();
        int failures;
        /** When the last turn began; 0 before the first. */
        volatile long turnStartedNanos;

        Task(ObjectId<?> id) {
            this.id = id;
        }
    }

    private final FloeClient floe;
    private final Bindings bindings;
    private final OutboxAccess access;
    private final int batchSize;
    private final long lingerNanos;
    private final Backoff backoff;
    private final ScheduledExecutorService timer;
    private final ConcurrentHashMap<String, Task> tasks = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Set<String> unboundWarned = ConcurrentHashMap.newKeySet();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean closed;

    public OutboxRelay(FloeClient floe, Bindings bindings, OutboxAccess access, int concurrency, int batchSize,
                       Duration linger, Duration maxBackoff, ScheduledExecutorService timer) {
        this.floe = floe;
        this.bindings = bindings;
        this.access = access;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.backoff = new Backoff(maxBackoff);
        this.timer = timer;
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofVirtual().name("floe-relay-" + i).start(this::work));
        }
    }

    /** Tells the relay that {@code id} committed outbox rows (or may have some, at start). */
    public void signal(ObjectId<?> id) {
        Task task = tasks.computeIfAbsent(id.local(), key -> new Task(id));
        while (true) {
            int state = task.state.get();
            if (state == Task.IDLE) {
                if (task.state.compareAndSet(Task.IDLE, Task.QUEUED)) {
                    queueAfterLinger(task);
                    return;
                }
            } else if (state == Task.RUNNING) {
                if (task.state.compareAndSet(Task.RUNNING, Task.RUNNING_SIGNALLED)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /** Forgets an idle object (evicted with nothing to deliver), so that the relay's memory follows the live objects. */
    public void forget(ObjectId<?> id) {
        Task task = tasks.get(id.local());
        if (task != null && task.state.get() == Task.IDLE && task.acknowledged.isEmpty()) {
            tasks.remove(id.local(), task);
        }
    }

    /** Rows acknowledged by their streams since start. */
    public long delivered() {
        return delivered.get();
    }

    /** Waits until every signalled object's rows are delivered and deleted; returns false on timeout. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private boolean idle() {
        return queue.isEmpty() && tasks.values().stream().allMatch(task -> task.state.get() == Task.IDLE);
    }

    private void work() {
        while (!closed) {
            Task task;
            try {
                task = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (task == null) {
                continue;
            }
            task.state.set(Task.RUNNING);
            task.turnStartedNanos = System.nanoTime();
            Turn turn = turn(task);
            if (closed) {
                return;
            }
            finish(task, turn);
        }
    }

    private void finish(Task task, Turn turn) {
        switch (turn) {
            case DONE -> {
                if (!task.state.compareAndSet(Task.RUNNING, Task.IDLE)) {
                    task.state.set(Task.QUEUED);
                    queueAfterLinger(task);
                }
            }
            case MORE -> {
                task.state.set(Task.QUEUED);
                queue.add(task);
            }
            case FAILED -> {
                task.state.set(Task.PAUSED);
                timer.schedule(() -> {
                    task.state.set(Task.QUEUED);
                    queue.add(task);
                }, backoff.pauseMillis(task.failures), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Queues a task whose state is QUEUED, once its linger has passed. */
    private void queueAfterLinger(Task task) {
        long started = task.turnStartedNanos;
        long wait = started == 0 ? 0 : started + lingerNanos - System.nanoTime();
        if (wait <= 0) {
            queue.add(task);
            return;
        }
        try {
            timer.schedule(() -> queue.add(task), wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The runtime is closing: the rows wait in the database for the next start.
        }
    }

    private Turn turn(Task task) {
        try {
            for (int round = 0; round < ROUNDS_PER_TURN; round++) {
                Batch batch = access.withOutbox(task.id, (outbox, producerId) -> read(task, outbox, producerId));
                if (batch.rows().isEmpty()) {
                    return Turn.DONE;
                }
                send(task, batch);
            }
            return Turn.MORE;
        } catch (RuntimeException e) {
            task.failures++;
            String message = "cannot deliver the outbox of " + task.id + " (" + task.failures + " attempt"
                    + (task.failures == 1 ? "" : "s") + "), trying again after a pause: " + e.getMessage();
            if (task.failures == 1 || task.failures % 20 == 0) {
                LOG.warn(message);
            } else {
                LOG.debug(message);
            }
            return Turn.FAILED;
        }
    }

    /** Under the object's turn: deletes what was acknowledged, then reads the next rows of each binding. */
    private Batch read(Task task, Outbox outbox, String producerId) {
        outbox.acknowledge(task.acknowledged.values());
        task.acknowledged.clear();
        Map<String, List<Outbox.Row>> rows = new LinkedHashMap<>();
        Map<String, Long> firstDelivery = new LinkedHashMap<>();
        for (String binding : outbox.pendingBindings()) {
            if (bindings.stream(binding).isEmpty()) {
                if (unboundWarned.add(binding)) {
                    LOG.warn("outbox rows for binding {} wait in object databases, but the binding is no longer declared:"
                            + " declare it again to deliver them", binding);
                }
                continue;
            }
            rows.put(binding, outbox.read(binding, batchSize));
            firstDelivery.put(binding, outbox.nextDelivery(binding));
        }
        return new Batch(producerId, rows, firstDelivery);
    }

    private void send(Task task, Batch batch) {
        for (Map.Entry<String, List<Outbox.Row>> entry : batch.rows().entrySet()) {
            String binding = entry.getKey();
            List<Outbox.Row> rows = entry.getValue();
            List<RawValue> records = new ArrayList<>(rows.size());
            rows.forEach(row -> records.add(new RawValue(row.payload())));
            String stream = bindings.stream(binding).orElseThrow();
            try {
                SendResult result = floe.stream(stream, batch.producerId()).send(records, batch.firstDelivery().get(binding));
                delivered.addAndGet(result.committed());
            } catch (FloeException e) {
                throw new FloeException(e.code(), "stream " + stream + " (binding " + binding + ") answered "
                        + e.code() + ": " + e.getMessage(), e);
            }
            task.acknowledged.put(binding, new Outbox.Acknowledged(binding, rows.getLast().seq(), rows.size()));
            task.failures = 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            worker.interrupt();
        }
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
