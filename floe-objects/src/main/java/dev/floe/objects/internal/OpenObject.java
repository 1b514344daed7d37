package dev.floe.objects.internal;

import dev.floe.client.Stream;
import dev.floe.objects.Bindings;
import dev.floe.objects.Namespace;
import dev.floe.objects.ObjectId;
import dev.floe.objects.internal.outbox.Outbox;
import dev.floe.objects.internal.outbox.Payloads;
import dev.floe.objects.internal.storage.CaptureTriggers;
import dev.floe.objects.internal.storage.Migrations;
import dev.floe.objects.internal.storage.ObjectDatabase;
import dev.floe.objects.internal.storage.ObjectStorage;
import dev.floe.objects.internal.storage.StateChanges;
import dev.floe.objects.internal.storage.SystemSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An object's opened database and everything built on it: outbox, storage, data model and context.
 * It hears each transaction end and tells the runtime what changed in committed state: new outbox
 * rows (for the relay) and the alarm (for the schedule).
 */
final class OpenObject implements ObjectDatabase.TransactionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenObject.class);

    /** What the runtime is told after a commit. */
    interface Changes {
        void outboxWritten(ObjectId<?> id);

        void alarmChanged(ObjectId<?> id, Optional<Instant> alarm);

        /** The object's WAL, {@code wal}, is due for a checkpoint between its calls. */
        void checkpointDue(ObjectId<?> id, Path wal);
    }

    private final ObjectId<?> id;
    private final ObjectDatabase db;
    private final Outbox outbox;
    private final ObjectStorage storage;
    private final ObjectContextImpl context;
    private final String producerId;
    private final boolean capturing;
    private final StateChanges stateChanges;
    private final Changes changes;

    private OpenObject(ObjectId<?> id, ObjectDatabase db, RuntimeSettings settings, ObjectHost host, Changes changes) {
        Namespace<?> namespace = id.namespace();
        this.id = id;
        this.db = db;
        this.changes = changes;
        this.outbox = new Outbox(db, settings.bindings().names());
        Payloads.Origin origin = new Payloads.Origin(namespace.url(), id.local(), namespace.type());
        this.stateChanges = (key, value) -> outbox.append(Bindings.STATE,
                seq -> Payloads.stateChange(origin, seq, key, value, settings.clock().millis()));
        this.capturing = !namespace.capturedTables().isEmpty() && settings.bindings().has(Bindings.STATE);
        this.storage = new ObjectStorage(db, capturing, settings.mapper(), stateChanges);
        DataModel model = new DataModel(db, outbox, origin, settings.clock(), settings.mapper());
        ObjectEnv env = new ObjectEnv(host, settings.bindings(), db, outbox, settings.mapper());
        this.context = new ObjectContextImpl(id, storage, env, model, settings.clock());
        this.producerId = producerId(id.global() + "#" + SystemSchema.meta(db, "epoch"));
    }

    /** Opens (creating) the database, brings its schema up to date, and installs capture triggers. */
    static OpenObject open(Path file, ObjectId<?> id, RuntimeSettings settings, ObjectHost host, Changes changes) {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ObjectDatabase db = ObjectDatabase.openCheckpointedBetweenCalls(file);
        try {
            Namespace<?> namespace = id.namespace();
            SystemSchema.ensure(db, namespace.url(), namespace.type(), id.name());
            Migrations.apply(db, namespace.migrations(), settings.clock());
            OpenObject open = new OpenObject(id, db, settings, host, changes);
            if (open.capturing) {
                CaptureTriggers.install(db, namespace.capturedTables());
            }
            db.listener(open);
            return open;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The producer id the relay sends this object's rows under: its global id and the random epoch of
     * its database, so that a database deleted and made again never has its new rows taken for
     * duplicates of the old ones.
     */
    private static String producerId(String identity) {
        boolean fits = identity.length() <= Stream.MAX_PRODUCER_ID_LENGTH
                && identity.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        return fits ? identity : "sha256:" + ObjectFiles.hash(identity);
    }

    ObjectId<?> id() {
        return id;
    }

    ObjectDatabase db() {
        return db;
    }

    Outbox outbox() {
        return outbox;
    }

    ObjectStorage storage() {
        return storage;
    }

    ObjectContextImpl context() {
        return context;
    }

    String producerId() {
        return producerId;
    }

    /** Whether anything is left for the runtime to do for this object: rows to deliver, an alarm to fire. */
    boolean hasPendingWork() {
        return outbox.size() > 0 || storage.getAlarm().isPresent();
    }

    @Override
    public void beforeCommit() {
        if (capturing) {
            flushCapturedRows();
        }
        outbox.beforeCommit();
    }

    @Override
    public void beforeSavepointBoundary() {
        outbox.beforeSavepointBoundary();
    }

    @Override
    public void afterSavepointRollback() {
        outbox.afterSavepointRollback();
    }

    @Override
    public void afterCommit() {
        outbox.afterCommit();
        if (outbox.takeWritten()) {
            changes.outboxWritten(id);
        }
        if (storage.takeAlarmChanged()) {
            changes.alarmChanged(id, storage.getAlarm());
        }
        db.walToSyncBeforeCheckpoint().ifPresent(wal -> changes.checkpointDue(id, wal));
    }

    @Override
    public void afterRollback() {
        outbox.afterRollback();
        storage.takeAlarmChanged();
    }

    private void flushCapturedRows() {
        List<String[]> rows = db.rows("SELECT key, value FROM _floe_changes ORDER BY id",
                row -> new String[] {row.getString(1), row.getString(2)});
        if (!rows.isEmpty()) {
            rows.forEach(row -> stateChanges.changed(row[0], row[1]));
            db.execute("DELETE FROM _floe_changes");
        }
    }

    /**
     * Deletes the outbox rows already acknowledged, then closes the database. Should the deletion fail,
     * the rows are sent again at the next opening, and the streams take them for duplicates.
     */
    @Override
    public void close() {
        try {
            outbox.saveAcknowledged();
        } catch (RuntimeException e) {
            LOG.warn("cannot delete the delivered outbox rows of {} before closing it: {}", id, e.getMessage());
        } finally {
            db.close();
        }
    }
}
