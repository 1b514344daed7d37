package dev.floe.objects.internal;

import dev.floe.objects.ObjectId;
import dev.floe.objects.internal.storage.WalSync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints the WALs of objects that committed enough since their last checkpoint, between their
 * calls, so that calls do not: SQLite's own checkpoint runs inside the commit that crosses its limit,
 * on the calling thread, and waits for two fsyncs (0.6–0.9 s on a disk busy writing back).
 *
 * <p>A checkpoint begins by syncing the WAL, all the frames since the last one. A worker does that
 * without holding the object ({@link WalSync}), then takes the object's turn for the checkpoint itself,
 * whose own sync of the WAL has only the frames committed meanwhile left to write: calls to the
 * object wait for the copy and the database file's sync at most. A few workers, so that one slow
 * sync does not hold up the other objects' checkpoints.
 */
final class Checkpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final int WORKERS = 4;

    /** Checkpoints an object in its turn, if it is still open and a checkpoint is due. */
    @FunctionalInterface
    interface Turn {
        void checkpointIfOpen(ObjectId<?> id);
    }

    private record Due(ObjectId<?> id, Path wal) {
    }

    private final Turn turn;
    private final LinkedBlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();

    Checkpoints(Turn turn) {
        this.turn = turn;
        for (int i = 0; i < WORKERS; i++) {
            workers.add(Thread.ofVirtual().name("floe-checkpoint-" + i).start(this::work));
        }
    }

    /** Tells that {@code id}'s WAL, {@code wal}, is due for a checkpoint; once queued, an object is not queued again. */
    void due(ObjectId<?> id, Path wal) {
        if (queued.add(id.local())) {
            queue.add(new Due(id, wal));
        }
    }

    private void work() {
        while (true) {
            Due due;
            try {
                due = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            queued.remove(due.id().local());
            WalSync.force(due.wal());
            try {
                turn.checkpointIfOpen(due.id());
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                // SQLite's own checkpoint, at 4,000 pages, is the backstop for one that fails here.
                LOG.warn("cannot checkpoint {}: {}", due.id(), e.getMessage());
            }
        }
    }

    /** Stops the workers; checkpoints not made yet are made by closing the databases. */
    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
