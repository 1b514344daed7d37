package dev.floe.objects.internal.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.objects.SqlStorage;
import dev.floe.objects.Storage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An object's {@link Storage}: SQL, key-value pairs in {@code _floe_kv} (JSON text, so they read the
 * same from SQL), and the alarm in {@code _floe_alarm}. Each put and delete tells {@link StateChanges}
 * in the same transaction.
 */
public final class ObjectStorage implements Storage {
    private final ObjectDatabase db;
    private final ObjectSql sql;
    private final ObjectMapper mapper;
    private final StateChanges changes;
    private boolean alarmChanged;

    public ObjectStorage(ObjectDatabase db, boolean capturingTables, ObjectMapper mapper, StateChanges changes) {
        this.db = db;
        this.sql = new ObjectSql(db, capturingTables);
        this.mapper = mapper;
        this.changes = changes;
    }

    @Override
    public SqlStorage sql() {
        return sql;
    }

    @Override
    public <R> R transactionSync(Supplier<R> work) {
        return db.inTransaction(work);
    }

    @Override
    public void transactionSync(Runnable work) {
        db.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public Optional<JsonNode> get(String key) {
        Object text = db.scalar("SELECT value FROM _floe_kv WHERE key = ?", requireKey(key));
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readTree(text.toString()));
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INTERNAL, "the value of key " + key + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <V> Optional<V> get(String key, Class<V> type) {
        Object text = db.scalar("SELECT value FROM _floe_kv WHERE key = ?", requireKey(key));
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(text.toString(), type));
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "the value of key " + key + " is not a "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void put(String key, Object value) {
        String json = toJson(requireKey(key), value);
        db.atomically(() -> {
            db.update("INSERT OR REPLACE INTO _floe_kv (key, value) VALUES (?, ?)", key, json);
            changes.changed(key, json);
        });
    }

    @Override
    public boolean delete(String key) {
        requireKey(key);
        boolean[] deleted = new boolean[1];
        db.atomically(() -> {
            deleted[0] = db.update("DELETE FROM _floe_kv WHERE key = ?", key) > 0;
            if (deleted[0]) {
                changes.changed(key, null);
            }
        });
        return deleted[0];
    }

    @Override
    public SortedMap<String, JsonNode> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String query = "SELECT key, value FROM _floe_kv WHERE key >= ? ORDER BY key";
        SortedMap<String, JsonNode> entries = new TreeMap<>();
        try {
            PreparedStatement statement = db.prepare(query);
            ObjectDatabase.bind(statement, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && rows.getString(1).startsWith(prefix)) {
                    entries.put(rows.getString(1), mapper.readTree(rows.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw db.failure(query, e);
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INTERNAL, "a value under prefix " + prefix + " is not JSON: " + e.getOriginalMessage(), e);
        }
        return Collections.unmodifiableSortedMap(entries);
    }

    @Override
    public void setAlarm(Instant time) {
        long millis = time.toEpochMilli();
        db.atomically(() -> db.update("INSERT OR REPLACE INTO _floe_alarm (id, at_millis) VALUES (1, ?)", millis));
        alarmChanged = true;
    }

    @Override
    public Optional<Instant> getAlarm() {
        Object millis = db.scalar("SELECT at_millis FROM _floe_alarm WHERE id = 1");
        return millis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(((Number) millis).longValue()));
    }

    @Override
    public void deleteAlarm() {
        alarmChanged = true;
        db.atomically(() -> db.update("DELETE FROM _floe_alarm WHERE id = 1"));
    }

    /** Whether the alarm was set or deleted since the last call; clears the flag. */
    public boolean takeAlarmChanged() {
        boolean was = alarmChanged;
        alarmChanged = false;
        return was;
    }

    private String toJson(String key, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "cannot store key " + key + ": its value does not"
                    + " turn into JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String requireKey(String key) {
        if (Objects.requireNonNull(key, "key").isEmpty()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "a storage key must not be empty");
        }
        return key;
    }
}
