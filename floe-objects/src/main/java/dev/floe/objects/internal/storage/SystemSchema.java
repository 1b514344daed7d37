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
    static final int VERSION = 1;

    private static final String TABLES = """
            CREATE TABLE IF NOT EXISTS _floe_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS _floe_kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS _floe_outbox (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, binding TEXT NOT NULL, payload TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS _floe_outbox_by_binding ON _floe_outbox (binding, seq);
            CREATE TABLE IF NOT EXISTS _floe_delivery (binding TEXT PRIMARY KEY, next INTEGER NOT NULL) WITHOUT ROWID;
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

    /** Creates the tables and records who the database belongs to, unless done before. */
    public static void ensure(ObjectDatabase db, String ns, String type, String name) {
        if (db.scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_floe_meta'") != null
                && db.scalar("SELECT value FROM _floe_meta WHERE key = 'schema_version'") != null) {
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

    /** A metadata value ({@code ns}, {@code type}, {@code name}, {@code epoch}). */
    public static String meta(ObjectDatabase db, String key) {
        Object value = db.scalar("SELECT value FROM _floe_meta WHERE key = ?", key);
        return value == null ? null : value.toString();
    }
}
