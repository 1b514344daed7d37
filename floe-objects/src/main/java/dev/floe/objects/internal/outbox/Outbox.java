package dev.floe.objects.internal.outbox;

import dev.floe.objects.internal.storage.ObjectDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * An object's outbox: rows waiting for delivery, each with the object's next sequence number, written
 * in the transaction of the change that made them and deleted once the stream acknowledged them.
 *
 * <p>Sequence numbers never repeat for a database, also after its rows are deleted (the table is
 * AUTOINCREMENT, whose counter only grows): the server drops a repeated (producer, sequence) as a
 * duplicate, so reusing a number would lose a record. A rolled-back number is skipped, which the
 * server allows. Not thread-safe: its object's turn serializes access.
 */
public final class Outbox {
    /** A row read for delivery. */
    public record Row(long seq, String payload) {
    }

    private final ObjectDatabase db;
    private final Set<String> bindings;
    private long nextSeq;
    private boolean written;

    /** @param bindings the bindings that get rows; a write for any other is dropped */
    public Outbox(ObjectDatabase db, Set<String> bindings) {
        this.db = db;
        this.bindings = Set.copyOf(bindings);
        Object last = db.scalar("SELECT seq FROM sqlite_sequence WHERE name = '_floe_outbox'");
        this.nextSeq = last == null ? 1 : ((Number) last).longValue() + 1;
    }

    public boolean bound(String binding) {
        return bindings.contains(binding);
    }

    /**
     * Appends a row for {@code binding} made from its sequence number, or nothing when the binding is
     * not declared; returns the number used, or 0.
     */
    public long append(String binding, LongFunction<String> payload) {
        if (!bindings.contains(binding)) {
            return 0;
        }
        long seq = nextSeq++;
        db.update("INSERT INTO _floe_outbox (seq, binding, payload) VALUES (?, ?, ?)", seq, binding, payload.apply(seq));
        written = true;
        return seq;
    }

    /** Whether rows were appended since the last call; clears the flag. */
    public boolean takeWritten() {
        boolean was = written;
        written = false;
        return was;
    }

    /** The bindings that have rows waiting. */
    public List<String> pendingBindings() {
        List<String> pending = new ArrayList<>();
        String sql = "SELECT DISTINCT binding FROM _floe_outbox";
        try (ResultSet rows = db.prepare(sql).executeQuery()) {
            while (rows.next()) {
                pending.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw db.failure(sql, e);
        }
        return pending;
    }

    /** The oldest waiting rows of {@code binding}, in sequence order. */
    public List<Row> read(String binding, int limit) {
        String sql = "SELECT seq, payload FROM _floe_outbox WHERE binding = ? ORDER BY seq LIMIT ?";
        List<Row> rows = new ArrayList<>();
        try {
            PreparedStatement statement = db.prepare(sql);
            ObjectDatabase.bind(statement, binding, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw db.failure(sql, e);
        }
        return rows;
    }

    /**
     * The producer sequence number of the oldest waiting row of {@code binding}; the rows after it take
     * the numbers after it. Numbering at delivery rather than at write keeps each binding's numbers
     * contiguous (the stream numbers a request's records consecutively) and the same for a row however
     * often it is sent, until it is acknowledged.
     */
    public long nextDelivery(String binding) {
        Object next = db.scalar("SELECT next FROM _floe_delivery WHERE binding = ?", binding);
        return next == null ? 0 : ((Number) next).longValue();
    }

    /** Deletes the {@code count} oldest rows of {@code binding}, up to {@code seq}, which the stream acknowledged. */
    public void acknowledge(String binding, long seq, int count) {
        db.atomically(() -> {
            db.update("DELETE FROM _floe_outbox WHERE binding = ? AND seq <= ?", binding, seq);
            db.update("INSERT INTO _floe_delivery (binding, next) VALUES (?, ?) ON CONFLICT (binding)"
                    + " DO UPDATE SET next = next + ?", binding, count, count);
        });
    }

    public long size() {
        return ((Number) db.scalar("SELECT count(*) FROM _floe_outbox")).longValue();
    }
}
