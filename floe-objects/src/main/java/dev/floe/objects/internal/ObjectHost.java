package dev.floe.objects.internal;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.objects.AlarmInfo;
import dev.floe.objects.DurableObject;
import dev.floe.objects.Namespace;
import dev.floe.objects.ObjectContext;
import dev.floe.objects.ObjectId;
import dev.floe.objects.ObjectStub;
import dev.floe.objects.internal.outbox.OutboxRelay;
import dev.floe.objects.internal.storage.ObjectStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the live objects of a process and runs calls into them: one entry per id, calls taking turns
 * on its lock in the caller's thread, each call a transaction; idle entries are evicted. It wires the
 * object databases to the relay (new outbox rows), the alarm schedule (committed alarms), the
 * checkpoint workers (WALs due for a checkpoint) and the pending index (which databases may need the
 * runtime after a restart).
 */
public final class ObjectHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectHost.class);

    /** Makes an instance of a namespace's class and gives it its context, then runs its {@code onStart}. */
    @FunctionalInterface
    public interface Instantiator {
        DurableObject create(Namespace<?> namespace, ObjectContext context);
    }

    private final RuntimeSettings settings;
    private final Map<String, Namespace<?>> namespaces;
    private final Instantiator instantiator;
    private final ConcurrentHashMap<String, ObjectEntry> entries = new ConcurrentHashMap<>();
    private final CallLocks locks = new CallLocks();
    private final ObjectFiles files;
    private final PendingIndex index;
    private final ScheduledExecutorService timer;
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final AlarmScheduler alarms;
    private final OutboxRelay relay;
    private final Checkpoints checkpoints;
    private final OpenObject.Changes changes;
    private final CountDownLatch recovered = new CountDownLatch(1);
    private volatile boolean closed;

    public ObjectHost(RuntimeSettings settings, List<Namespace<?>> namespaces, Instantiator instantiator) {
        this.settings = settings;
        this.namespaces = byType(namespaces);
        this.instantiator = instantiator;
        this.files = new ObjectFiles(settings.dataDir());
        this.index = PendingIndex.open(settings.dataDir(), files);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).name("floe-objects-timer").factory());
        this.alarms = new AlarmScheduler(settings.clock(), settings.alarmRetryDelay(), settings.alarmMaxRetries(), timer,
                virtualThreads);
        this.alarms.runner(new AlarmScheduler.Runner() {
            @Override
            public void run(ObjectId<?> id, int retryCount) {
                runAlarm(id, retryCount);
            }

            @Override
            public void drop(ObjectId<?> id) {
                withOpen(id, open -> {
                    open.storage().deleteAlarm();
                    return null;
                });
            }
        });
        this.checkpoints = new Checkpoints(this::checkpointIfOpen);
        this.relay = settings.floe() == null ? null : new OutboxRelay(settings.floe(), settings.bindings(), this::withOutbox,
                settings.relayConcurrency(), settings.relayBatchSize(), settings.relayLinger(), settings.relayMaxBackoff(), timer);
        this.changes = new OpenObject.Changes() {
            @Override
            public void outboxWritten(ObjectId<?> id) {
                if (relay != null) {
                    relay.signal(id);
                }
            }

            @Override
            public void alarmChanged(ObjectId<?> id, Optional<Instant> alarm) {
                alarms.set(id, alarm);
            }

            @Override
            public void checkpointDue(ObjectId<?> id, Path wal) {
                checkpoints.due(id, wal);
            }
        };
        long sweep = Math.max(10, settings.idleTimeout().toMillis() / 4);
        timer.scheduleWithFixedDelay(() -> virtualThreads.execute(this::evictIdle), sweep, sweep, TimeUnit.MILLISECONDS);
        virtualThreads.execute(this::recover);
    }

    private static Map<String, Namespace<?>> byType(List<Namespace<?>> namespaces) {
        Map<String, Namespace<?>> byType = new java.util.HashMap<>();
        for (Namespace<?> namespace : namespaces) {
            if (byType.putIfAbsent(namespace.type(), namespace) != null) {
                throw new FloeException(ErrorCode.INVALID_REQUEST, "two namespaces have the type " + namespace.type()
                        + ": a runtime keeps objects by type, so each type may be registered once");
            }
        }
        return Map.copyOf(byType);
    }

    public <T extends DurableObject> ObjectStub<T> stub(ObjectId<T> id) {
        Namespace<?> registered = namespaces.get(id.namespace().type());
        if (registered == null || !registered.url().equals(id.namespace().url())) {
            throw new FloeException(ErrorCode.NOT_FOUND, "namespace " + id.namespace() + " is not registered with this"
                    + " runtime: register it with ObjectRuntime.builder().register(...)");
        }
        return new ObjectStubImpl<>(this, id);
    }

    /** Runs {@code method} on the object in its turn, in a transaction when {@code transactional}. */
    <R> R call(ObjectId<?> id, Function<DurableObject, R> method, boolean transactional) {
        ObjectEntry entry = enter(id);
        try {
            OpenObject open = ensureOpen(entry);
            if (!transactional) {
                return method.apply(ensureInstance(entry, open));
            }
            return open.db().inTransaction(() -> method.apply(ensureInstance(entry, open)));
        } finally {
            exit(entry);
        }
    }

    <R> CompletableFuture<R> callAsync(ObjectId<?> id, Function<DurableObject, R> method) {
        List<String> chain = locks.chain();
        return CompletableFuture.supplyAsync(() -> locks.withChain(chain, () -> call(id, method, true)), virtualThreads);
    }

    /** Runs {@code work} on the object's opened database in its turn, without making an instance. */
    <R> R withOpen(ObjectId<?> id, Function<OpenObject, R> work) {
        ObjectEntry entry = enter(id);
        try {
            return work.apply(ensureOpen(entry));
        } finally {
            exit(entry);
        }
    }

    /** The relay's turn on an object. */
    private <R> R withOutbox(ObjectId<?> id, OutboxRelay.OutboxWork<R> work) {
        return withOpen(id, open -> work.apply(open.outbox(), open.producerId()));
    }

    /** An object evicted meanwhile is not opened again for it: closing its database checkpointed it. */
    private void checkpointIfOpen(ObjectId<?> id) {
        if (closed) {
            return;
        }
        ObjectEntry entry = enter(id);
        try {
            if (entry.open != null) {
                entry.open.db().checkpointIfDue();
            }
        } finally {
            exit(entry);
        }
    }

    private ObjectEntry enter(ObjectId<?> id) {
        String key = id.local();
        locks.checkNotInChain(key);
        while (true) {
            if (closed) {
                throw new FloeException(ErrorCode.UNAVAILABLE, "the object runtime is closed: cannot call " + key);
            }
            ObjectEntry entry = entries.computeIfAbsent(key, k -> new ObjectEntry(id));
            locks.acquire(entry);
            if (!entry.evicted) {
                locks.push(key);
                entry.touch();
                return entry;
            }
            entry.lock.unlock();
        }
    }

    private void exit(ObjectEntry entry) {
        locks.pop();
        entry.touch();
        entry.lock.unlock();
    }

    private OpenObject ensureOpen(ObjectEntry entry) {
        if (entry.open == null) {
            ObjectId<?> id = entry.id;
            // Listed before anything can commit, so that a crash never leaves pending rows unlisted.
            index.mark(id.namespace().type(), id.name());
            entry.open = OpenObject.open(files.file(id.namespace().type(), id.name()), id, settings, this, changes);
        }
        return entry.open;
    }

    private DurableObject ensureInstance(ObjectEntry entry, OpenObject open) {
        if (entry.instance == null) {
            entry.instance = instantiator.create(entry.id.namespace(), open.context());
        }
        return entry.instance;
    }

    private void runAlarm(ObjectId<?> id, int retryCount) {
        ObjectEntry entry = enter(id);
        try {
            OpenObject open = ensureOpen(entry);
            open.db().inTransaction(() -> {
                ObjectStorage storage = open.storage();
                Optional<Instant> due = storage.getAlarm();
                if (due.isEmpty() || due.get().toEpochMilli() > settings.clock().millis()) {
                    return null;
                }
                storage.deleteAlarm();
                ensureInstance(entry, open).alarm(new AlarmInfo(retryCount));
                return null;
            });
        } finally {
            exit(entry);
        }
    }

    /** Finds what the previous run left pending: rows to deliver, alarms to fire. */
    private void recover() {
        try {
            recoverPending();
        } finally {
            recovered.countDown();
        }
    }

    private void recoverPending() {
        List<PendingIndex.Entry> pending = index.entries();
        if (!pending.isEmpty()) {
            LOG.info("looking for outbox rows and alarms in {} object databases", pending.size());
        }
        for (PendingIndex.Entry object : pending) {
            Namespace<?> namespace = namespaces.get(object.type());
            if (namespace == null) {
                LOG.warn("object {}/{} may have rows to deliver or an alarm, but its type is not registered with this runtime",
                        object.type(), object.name());
                continue;
            }
            try {
                ObjectId<?> id = namespace.idFromName(object.name());
                withOpen(id, open -> {
                    if (open.outbox().size() > 0) {
                        changes.outboxWritten(id);
                    }
                    alarms.recover(id, open.storage().getAlarm());
                    return null;
                });
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("cannot look into object {}/{}: {}", object.type(), object.name(), e.getMessage());
            }
        }
    }

    /** Closes the objects nobody called for the idle timeout. */
    void evictIdle() {
        long cutoff = System.nanoTime() - settings.idleTimeout().toNanos();
        for (ObjectEntry entry : entries.values()) {
            if (!entry.idleSince(cutoff) || !entry.lock.tryLock()) {
                continue;
            }
            try {
                if (!entry.evicted && entry.idleSince(cutoff)) {
                    evict(entry);
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot evict {}: {}", entry.id, e.getMessage());
            } finally {
                entry.lock.unlock();
            }
        }
    }

    private void evict(ObjectEntry entry) {
        entry.evicted = true;
        entries.remove(entry.id.local(), entry);
        OpenObject open = entry.open;
        entry.open = null;
        entry.instance = null;
        if (open == null) {
            return;
        }
        boolean pending = open.hasPendingWork();
        open.close();
        if (!pending) {
            index.unmark(entry.id.namespace().type(), entry.id.name());
            if (relay != null) {
                relay.forget(entry.id);
            }
        }
        LOG.debug("evicted {}", entry.id);
    }

    /** Waits until what the previous run left and everything committed since is delivered. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        if (!recovered.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        return relay == null || relay.drain(timeout.minusNanos(System.nanoTime() - start));
    }

    public long deliveredRows() {
        return relay == null ? 0 : relay.delivered();
    }

    public int liveObjects() {
        return entries.size();
    }

    public int scheduledAlarms() {
        return alarms.scheduledCount();
    }

    /**
     * Stops: no new calls, the relay and alarms stop (what they had not done waits in the databases for
     * the next start), each object's running call ends and its database closes.
     */
    @Override
    public void close() {
        closed = true;
        if (relay != null) {
            relay.close();
        }
        checkpoints.close();
        alarms.close();
        timer.shutdownNow();
        for (ObjectEntry entry : entries.values()) {
            entry.lock.lock();
            try {
                if (!entry.evicted && entry.open != null) {
                    entry.evicted = true;
                    entry.open.close();
                    entry.open = null;
                }
            } finally {
                entry.lock.unlock();
            }
        }
        entries.clear();
        virtualThreads.shutdownNow();
        index.close();
    }
}
