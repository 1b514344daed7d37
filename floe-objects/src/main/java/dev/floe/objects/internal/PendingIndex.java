package dev.floe.objects.internal;

import dev.floe.objects.internal.storage.ObjectDatabase;
import dev.floe.objects.internal.storage.SystemSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable list of the objects that may have outbox rows to deliver or an alarm to fire, so that
 * after a restart the runtime finds them without opening every object database.
 *
 * <p>It may list too many, never too few: an object is added before its database is opened for use
 * (so before anything can commit in it) and removed only when it is evicted with nothing pending. It
 * is only a shortcut: when {@code index.db} is missing, it is rebuilt by opening every object database.
 */
final class PendingIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingIndex.class);

    /** An object, by type and name. */
    record Entry(String type, String name) {
    }

    private final ObjectDatabase db;
    private final Set<Entry> marked = new HashSet<>();

    private PendingIndex(ObjectDatabase db) {
        this.db = db;
    }

    static PendingIndex open(Path dataDir, ObjectFiles files) {
        Path file = dataDir.resolve("index.db");
        boolean existed = Files.exists(file);
        PendingIndex index = new PendingIndex(ObjectDatabase.open(file));
        index.db.execute("CREATE TABLE IF NOT EXISTS pending (type TEXT NOT NULL, name TEXT NOT NULL,"
                + " PRIMARY KEY (type, name)) WITHOUT ROWID");
        index.marked.addAll(index.read());
        if (!existed) {
            index.rebuild(files.all());
        }
        return index;
    }

    private void rebuild(List<Path> databases) {
        if (databases.isEmpty()) {
            return;
        }
        LOG.info("index.db is missing: listing the {} object databases under {} as possibly pending", databases.size(),
                databases.getFirst().getParent().getParent());
        for (Path file : databases) {
            try (ObjectDatabase object = ObjectDatabase.open(file)) {
                String type = SystemSchema.meta(object, "type");
                String name = SystemSchema.meta(object, "name");
                if (type != null && name != null) {
                    mark(type, name);
                }
            } catch (RuntimeException e) {
                LOG.warn("skipping {}, which is not an object database: {}", file, e.getMessage());
            }
        }
    }

    synchronized void mark(String type, String name) {
        if (marked.add(new Entry(type, name))) {
            db.update("INSERT OR IGNORE INTO pending (type, name) VALUES (?, ?)", type, name);
        }
    }

    synchronized void unmark(String type, String name) {
        if (marked.remove(new Entry(type, name))) {
            db.update("DELETE FROM pending WHERE type = ? AND name = ?", type, name);
        }
    }

    synchronized List<Entry> entries() {
        return List.copyOf(marked);
    }

    private List<Entry> read() {
        return db.rows("SELECT type, name FROM pending", row -> new Entry(row.getString(1), row.getString(2)));
    }

    @Override
    public synchronized void close() {
        db.close();
    }
}
