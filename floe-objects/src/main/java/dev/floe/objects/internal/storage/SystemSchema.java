package dev.floe.objects.internal.storage;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The tables every object database has: the runtime's own ({@code _floe_*}: metadata, key-value
 * pairs, outbox, the next delivery number per binding, alarm, applied migrations, captured row changes) and the built-in data model of the
 * seeds ({@code things}, {@code events}, {@code actions}). Created once per database, in one
 * transaction, and versioned so that a later runtime can migrate them.
 */
public final class SystemSchema {
    static final int VERSION = 3;

    /**
     * Keyed by sequence number alone, so that a call's rows, whatever their bindings, go next to each
     * other at the end of the tree: one page written, where a key of binding then number wrote a page
     * per binding and rebalanced its neighbours.
     */
    private static final String OUTBOX = """
            CREATE TABLE IF NOT EXISTS _floe_outbox (seq INTEGER PRIMARY KEY, binding TEXT NOT NULL, payload TEXT NOT NULL);
            """;

    private static final String TABLES = OUTBOX + """
            CREATE TABLE IF NOT EXISTS _floe_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS _floe_kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS _floe_delivery (
              binding TEXT PRIMARY KEY, next INTEGER NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS _floe_alarm (id INTEGER PRIMARY KEY CHECK (id = 1), at_millis INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS _floe_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS _floe_changes (
              id INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT, op TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS things (
              id TEXT NOT NULL, type TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL,
              createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, seq INTEGER, PRIMARY KEY (id, version));
            CREATE TABLE IF NOT EXISTS events (
              id INTEGER PRIMARY KEY, verb TEXT NOT NULL, source TEXT NOT NULL, sourceType TEXT NOT NULL,
              data TEXT NOT NULL, actionId TEXT, timestamp TEXT NOT NULL, seq INTEGER);
            CREATE TABLE IF NOT EXISTS actions (
              id TEXT PRIMARY KEY, actor TEXT NOT NULL, verb TEXT NOT NULL, target TEXT NOT NULL, input TEXT,
              output TEXT, status TEXT NOT NULL, createdAt TEXT NOT NULL, completedAt TEXT, seq INTEGER);
            """;

    private SystemSchema() {
    }

    /** Creates the tables and records who the database belongs to, unless done before; migrates an older schema. */
    public static void ensure(ObjectDatabase db, String ns, String type, String name) {
        Object version = db.scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_floe_meta'") == null
                ? null : db.scalar("SELECT value FROM _floe_meta WHERE key = 'schema_version'");
        if (version != null) {
            int found = Integer.parseInt(version.toString());
            if (found < VERSION) {
                outboxKeyedBySeq(db, found);
            }
            return;
        }
        db.inTransaction(() -> {
            db.execute(TABLES);
            byte[] epoch = new byte[6];
            new SecureRandom().nextBytes(epoch);
            for (List<String> entry : List.of(List.of("ns", ns), List.of("type", type), List.of("name", name),
                    List.of("epoch", HexFormat.of().formatHex(epoch)),
                    List.of("schema_version", Integer.toString(VERSION)))) {
                db.update("INSERT OR REPLACE INTO _floe_meta (key, value) VALUES (?, ?)", entry.get(0), entry.get(1));
            }
            return null;
        });
    }

    /**
     * Version 1 kept the outbox in an AUTOINCREMENT table with an index by binding, so each outbox row
     * cost a call three B-tree pages (table, index, {@code sqlite_sequence}); version 2 kept it in one,
     * keyed by binding and sequence number, and the highest number deleted in {@code _floe_delivery};
     * version 3 keys it by sequence number alone. Version 1 deleted rows only where a binding has a
     * delivery row, so its counter goes there.
     */
    private static void outboxKeyedBySeq(ObjectDatabase db, int from) {
        db.inTransaction(() -> {
            Object last = from < 2 ? db.scalar("SELECT seq FROM sqlite_sequence WHERE name = '_floe_outbox'") : null;
            db.execute("ALTER TABLE _floe_outbox RENAME TO _floe_outbox_old;"
                    + "DROP INDEX IF EXISTS _floe_outbox_by_binding;"
                    + OUTBOX
                    + "INSERT INTO _floe_outbox (seq, binding, payload) SELECT seq, binding, payload FROM _floe_outbox_old;"
                    + "DROP TABLE _floe_outbox_old;");
            if (from < 2) {
                db.execute("ALTER TABLE _floe_delivery ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;");
                db.update("UPDATE _floe_delivery SET last_seq = ?", last == null ? 0L : ((Number) last).longValue());
            }
            db.update("UPDATE _floe_meta SET value = ? WHERE key = 'schema_version'", Integer.toString(VERSION));
            return null;
        });
    }

    /** A metadata value ({@code ns}, {@code type}, {@code name}, {@code epoch}). */
    public static String meta(ObjectDatabase db, String key) {
        Object value = db.scalar("SELECT value FROM _floe_meta WHERE key = ?", key);
        return value == null ? null : value.toString();
    }
}
