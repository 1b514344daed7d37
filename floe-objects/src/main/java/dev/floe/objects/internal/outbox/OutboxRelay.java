package dev.floe.objects.internal.outbox;

import dev.floe.client.FloeClient;
import dev.floe.client.SendResult;
import dev.floe.error.FloeException;
import dev.floe.objects.Bindings;
import dev.floe.objects.ObjectId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox rows to their streams. Objects whose commits wrote rows are queued; a fixed number
 * of workers (the concurrency bound) each take every queued object (up to {@value #MAX_OBJECTS_PER_TURN}),
 * read up to a batch of each one's rows per binding under the object's turn, and send the rows of all
 * of them in one request per stream outside those turns (so calls are not held up by the network).
 * Objects that pile up while the workers are busy go out together, so the busier the relay, the fuller
 * its requests: a request costs the relay and the server far more than a row.
 *
 * <p>An object that committed again while its rows were being sent comes back for another turn once
 * the linger has passed since the last one began: that turn reads what was committed meanwhile, after
 * what was acknowledged, so a busy object costs one turn per linger, and its rows go out in fewer,
 * fuller batches. Acknowledged rows are deleted once a second or a batch of them has gathered, or when
 * a turn finds nothing to send; an object that did not commit again gets a turn for that a second
 * later, unless a commit brings one first.
 *
 * <p>Each object is one idempotent producer: its rows of a binding go out in order, numbered by the
 * outbox's delivery numbers, in one request at a time, so a row sent again (after a failure, a crash
 * before its deletion, a restart) is acknowledged by the stream as a duplicate and stored once. A
 * request carries many producers' batches, and the stream deduplicates each as if it came alone.
 * While the server is unreachable, busy or refusing, an object waits a growing, bounded pause and
 * tries again, without end; the rows stay in its database meanwhile.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** The most objects a worker takes at once, whose rows share requests. */
    static final int MAX_OBJECTS_PER_TURN = 512;
    /**
     * How long a busy object's acknowledged rows may stay in its database before they are deleted: a
     * turn per linger deletes nothing until then, which spares most turns a transaction of their own.
     * An object with nothing left to send deletes them at once.
     */
    private static final long ACKNOWLEDGED_SAVE_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    /**
     * The part of the linger a worker waits for more objects once one is queued: objects called now and
     * then go out in requests of many objects rather than a few each.
     */
    private static final int GATHER_PER_LINGER = 4;

    /** Reaches an object's outbox during its turn. */
    public interface OutboxAccess {
        <R> R withOutbox(ObjectId<?> id, OutboxWork<R> work);
    }

    @FunctionalInterface
    public interface OutboxWork<R> {
        R apply(Outbox outbox, String producerId);
    }

    /**
     * How an object's turn ended: nothing left to send; a full batch sent, more waiting; rows sent;
     * or a failure.
     */
    private enum Turn { DONE, MORE, SENT, FAILED }

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
        /** Whether its outbox holds acknowledged rows that a turn is yet to delete. */
        volatile boolean deletionDue;
        /** Whether a turn to delete them is scheduled. */
        final AtomicBoolean deletionScheduled = new AtomicBoolean();
        int failures;
        /** Whether its database was looked at for rows of bindings no longer declared. */
        boolean undeclaredChecked;
        /** When the last turn began; 0 before the first. */
        volatile long turnStartedNanos;

        Task(ObjectId<?> id) {
            this.id = id;
        }
    }

    private final StreamRequests<Task> requests;
    private final Bindings bindings;
    private final OutboxAccess access;
    private final int batchSize;
    private final long lingerNanos;
    private final long gatherNanos;
    private final ReentrantLock gathering = new ReentrantLock();
    private final Backoff backoff;
    private final ScheduledExecutorService timer;
    private final ConcurrentHashMap<String, Task> tasks = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Set<String> unboundWarned = ConcurrentHashMap.newKeySet();
    private final AtomicLong delivered = new AtomicLong();
    /** Requests failed since one last succeeded, to warn about an outage once rather than once per object. */
    private final AtomicInteger failedRequests = new AtomicInteger();
    private volatile boolean closed;

    public OutboxRelay(FloeClient floe, Bindings bindings, OutboxAccess access, int concurrency, int batchSize,
                       Duration linger, Duration maxBackoff, ScheduledExecutorService timer) {
        this.requests = new StreamRequests<>(floe);
        this.bindings = bindings;
        this.access = access;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.gatherNanos = lingerNanos / GATHER_PER_LINGER;
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
        if (task != null && task.state.get() == Task.IDLE && task.acknowledged.isEmpty() && !task.deletionDue) {
            tasks.remove(id.local(), task);
        }
    }

    /** Rows acknowledged by their streams since start. */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Waits until every signalled object's rows are delivered and deleted (which takes up to a second
     * more, {@link #ACKNOWLEDGED_SAVE_INTERVAL_NANOS}); returns false on timeout.
     */
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
        return queue.isEmpty() && tasks.values().stream().allMatch(task -> task.state.get() == Task.IDLE && !task.deletionDue);
    }

    private void work() {
        List<Task> group = new ArrayList<>();
        while (!closed) {
            try {
                gather(group);
            } catch (InterruptedException e) {
                return;
            }
            if (group.isEmpty()) {
                continue;
            }
            long now = System.nanoTime();
            for (Task task : group) {
                task.state.set(Task.RUNNING);
                task.turnStartedNanos = now;
            }
            Map<Task, Turn> turns = turns(group);
            if (closed) {
                return;
            }
            turns.forEach(this::finish);
            group.clear();
        }
    }

    /**
     * Takes the queued objects into {@code group}: once one is there, those that arrive within the
     * gathering time too, so that objects whose lingers end close together share requests. One worker
     * gathers at a time, so that the others do not split what arrives among themselves.
     */
    private void gather(List<Task> group) throws InterruptedException {
        gathering.lockInterruptibly();
        try {
            Task first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return;
            }
            group.add(first);
            if (gatherNanos > 0 && queue.size() < MAX_OBJECTS_PER_TURN - 1) {
                Thread.sleep(Duration.ofNanos(gatherNanos));
            }
            queue.drainTo(group, MAX_OBJECTS_PER_TURN - 1);
        } finally {
            gathering.unlock();
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
            case SENT -> {
                if (task.state.compareAndSet(Task.RUNNING, Task.IDLE)) {
                    scheduleDeletion(task);
                } else {
                    task.state.set(Task.QUEUED);
                    queueAfterLinger(task);
                }
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

    /**
     * After a turn that sent everything and saw no commit since it began: the object needs no turn until
     * it commits again, except one to delete what was acknowledged, which waits as long as acknowledged
     * rows may; a commit meanwhile brings a turn that does it anyway.
     */
    private void scheduleDeletion(Task task) {
        task.deletionDue = true;
        if (!task.deletionScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.schedule(() -> {
                task.deletionScheduled.set(false);
                if (task.deletionDue && task.state.compareAndSet(Task.IDLE, Task.QUEUED)) {
                    queue.add(task);
                }
            }, ACKNOWLEDGED_SAVE_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The runtime is closing, and closing an object deletes what was acknowledged.
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

    /**
     * One turn of each object of a group: reads its next rows (after what its previous turns delivered)
     * and sends the rows of all of them together.
     */
    private Map<Task, Turn> turns(List<Task> group) {
        Map<Task, Turn> turns = new HashMap<>();
        List<Task> sending = new ArrayList<>();
        Set<Task> full = new HashSet<>();
        List<StreamRequests.Delivery<Task>> deliveries = new ArrayList<>();
        for (Task task : group) {
            List<StreamRequests.Delivery<Task>> next;
            try {
                next = access.withOutbox(task.id, (outbox, producerId) -> read(task, outbox, producerId));
            } catch (RuntimeException e) {
                turns.put(task, failed(task, e.getMessage()));
                continue;
            }
            if (next.isEmpty()) {
                turns.put(task, Turn.DONE);
            } else {
                sending.add(task);
                deliveries.addAll(next);
                if (next.stream().mapToInt(delivery -> delivery.rows().size()).sum() == batchSize) {
                    full.add(task);
                }
            }
        }
        Set<Task> failed = send(deliveries);
        for (StreamRequests.Delivery<Task> delivery : deliveries) {
            Task task = delivery.owner();
            if (failed.contains(task)) {
                turns.put(task, Turn.FAILED);
            } else if (full.contains(task)) {
                turns.put(task, Turn.MORE);
            } else {
                turns.putIfAbsent(task, Turn.SENT);
            }
        }
        for (Task task : sending) {
            if (failed.contains(task)) {
                task.failures++;
            } else {
                task.failures = 0;
            }
        }
        return turns;
    }

    private Turn failed(Task task, String reason) {
        task.failures++;
        String message = "cannot deliver the outbox of " + task.id + " (" + task.failures + " attempt"
                + (task.failures == 1 ? "" : "s") + "), trying again after a pause: " + reason;
        if (task.failures == 1 || task.failures % 20 == 0) {
            LOG.warn(message);
        } else {
            LOG.debug(message);
        }
        return Turn.FAILED;
    }

    /**
     * Under the object's turn: notes what was acknowledged, reads the next rows of each binding (none
     * when it has nothing left to send), and deletes the acknowledged rows when that is due.
     */
    private List<StreamRequests.Delivery<Task>> read(Task task, Outbox outbox, String producerId) {
        outbox.acknowledge(task.acknowledged.values());
        task.acknowledged.clear();
        if (!task.undeclaredChecked) {
            warnAboutUndeclaredBindings(outbox);
            task.undeclaredChecked = true;
        }
        List<StreamRequests.Delivery<Task>> deliveries = new ArrayList<>();
        for (Outbox.Waiting waiting : outbox.waiting(batchSize)) {
            deliveries.add(new StreamRequests.Delivery<>(task, waiting.binding(),
                    bindings.stream(waiting.binding()).orElseThrow(), producerId, waiting.firstDelivery(), waiting.rows()));
        }
        if (deliveries.isEmpty() || outbox.acknowledgedUnsavedRows() >= batchSize
                || System.nanoTime() - outbox.acknowledgedUnsavedSinceNanos() >= ACKNOWLEDGED_SAVE_INTERVAL_NANOS) {
            outbox.saveAcknowledged();
            task.deletionDue = false;
        }
        return deliveries;
    }

    /** Rows of bindings no longer declared can only be left from an earlier run: they are looked for once per object. */
    private void warnAboutUndeclaredBindings(Outbox outbox) {
        for (String binding : outbox.pendingBindings()) {
            if (!outbox.bound(binding) && unboundWarned.add(binding)) {
                LOG.warn("outbox rows for binding {} wait in object databases, but the binding is no longer declared:"
                        + " declare it again to deliver them", binding);
            }
        }
    }

    /** Sends one round's rows; returns the objects some of whose rows were not acknowledged. */
    private Set<Task> send(List<StreamRequests.Delivery<Task>> deliveries) {
        Set<Task> failed = new HashSet<>();
        requests.send(deliveries, new StreamRequests.Outcome<>() {
            @Override
            public void acknowledged(StreamRequests.Delivery<Task> delivery, SendResult result) {
                List<Outbox.Row> rows = delivery.rows();
                delivery.owner().acknowledged.put(delivery.binding(),
                        new Outbox.Acknowledged(delivery.binding(), rows.getLast().seq(), rows.size()));
                delivered.addAndGet(result.committed());
                failedRequests.set(0);
            }

            @Override
            public void failed(String stream, List<StreamRequests.Delivery<Task>> request, RuntimeException error) {
                request.forEach(delivery -> failed.add(delivery.owner()));
                int failures = failedRequests.incrementAndGet();
                String message = "cannot deliver the outbox rows of " + request.size() + " object batch"
                        + (request.size() == 1 ? "" : "es") + " to stream " + stream + " (" + failures
                        + " failed request" + (failures == 1 ? "" : "s") + " in a row), trying again after a pause: "
                        + (error instanceof FloeException floe ? floe.code() + ": " : "") + error.getMessage();
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warn(message);
                } else {
                    LOG.debug(message);
                }
            }
        });
        return failed;
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
