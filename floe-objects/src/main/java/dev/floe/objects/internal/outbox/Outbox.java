package dev.floe.objects.internal.outbox;

import dev.floe.objects.internal.storage.ObjectDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * An object's outbox: rows waiting for delivery, each with the object's next sequence number, written
 * in the transaction of the change that made them and deleted some time after the stream acknowledged
 * them (see {@link #acknowledge}).
 *
 * <p>Sequence numbers never repeat for a database, also after its rows are deleted: the deletion
 * records the highest number it removed, in its transaction, and the next number is past both that
 * and every waiting row. Rows downstream are told apart by {@code (object, seq)}, so a reused number
 * would make two records one. A rolled-back number is skipped. Not thread-safe: its object's turn
 * serializes access.
 *
 * <p>Appended rows are held back and inserted together when the transaction level they were made in
 * ends or a savepoint begins ({@link #flush}, from the database's transaction listener): a call's rows
 * cost one statement rather than one each, and still commit in its transaction or not at all.
 */
public final class Outbox {
    /** A row read for delivery. */
    public record Row(long seq, String payload) {
    }

    /**
     * The oldest waiting rows of a binding, in sequence order, and the producer sequence number of the
     * first; the rows after it take the numbers after it. Numbering at delivery rather than at write
     * keeps each binding's numbers contiguous (the stream numbers a batch's records consecutively) and
     * the same for a row however often it is sent, until it is acknowledged.
     */
    public record Waiting(String binding, long firstDelivery, List<Row> rows) {
    }

    /** The {@code count} oldest rows of {@code binding}, up to {@code lastSeq}, acknowledged by its stream. */
    public record Acknowledged(String binding, long lastSeq, int count) {
    }

    private final ObjectDatabase db;
    private final Set<String> bindings;
    private final String waitingQuery;
    private static final int MAX_ROWS_PER_INSERT = 32;

    private final String[] inserts = new String[MAX_ROWS_PER_INSERT + 1];
    /** Rows appended and not inserted yet: binding, seq, payload, binding, seq, payload, … */
    private final List<Object> unflushed = new ArrayList<>();
    private long nextSeq;
    private boolean written;
    /** Per binding, the rows acknowledged and not deleted yet: the highest seq, and how many. */
    private final Map<String, Acknowledged> acknowledgedUnsaved = new HashMap<>();
    private long acknowledgedSinceNanos;
    private Map<String, Long> savedDeliveries;

    /** @param bindings the bindings that get rows; a write for any other is dropped */
    public Outbox(ObjectDatabase db, Set<String> bindings) {
        this.db = db;
        this.bindings = new TreeSet<>(bindings);
        this.waitingQuery = "SELECT binding, seq, payload FROM _floe_outbox WHERE seq > ? AND binding IN ("
                + String.join(", ", Collections.nCopies(this.bindings.size(), "?")) + ") ORDER BY seq LIMIT ?";
        Object waiting = db.scalar("SELECT max(seq) FROM _floe_outbox");
        Object deleted = db.scalar("SELECT max(last_seq) FROM _floe_delivery");
        this.nextSeq = Math.max(waiting == null ? 0 : ((Number) waiting).longValue(),
                deleted == null ? 0 : ((Number) deleted).longValue()) + 1;
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
        String row = payload.apply(seq);
        unflushed.add(binding);
        unflushed.add(seq);
        unflushed.add(row);
        written = true;
        return seq;
    }

    /** Inserts the rows appended since the last flush, up to {@value #MAX_ROWS_PER_INSERT} in a statement. */
    public void flush() {
        int rows = unflushed.size() / 3;
        try {
            for (int from = 0; from < rows; from += MAX_ROWS_PER_INSERT) {
                int count = Math.min(MAX_ROWS_PER_INSERT, rows - from);
                db.update(insert(count), unflushed.subList(from * 3, (from + count) * 3).toArray());
            }
        } finally {
            unflushed.clear();
        }
    }

    /** Forgets the rows appended since the last flush: their transaction level was rolled back. */
    public void discardUnflushed() {
        unflushed.clear();
    }

    private String insert(int rows) {
        if (inserts[rows] == null) {
            inserts[rows] = "INSERT INTO _floe_outbox (binding, seq, payload) VALUES "
                    + String.join(", ", Collections.nCopies(rows, "(?, ?, ?)"));
        }
        return inserts[rows];
    }

    /** Whether rows were appended since the last call; clears the flag. */
    public boolean takeWritten() {
        boolean was = written;
        written = false;
        return was;
    }

    /** The bindings that have rows in the outbox, declared or not: a scan of it, for a check made once per object. */
    public List<String> pendingBindings() {
        return db.rows("SELECT DISTINCT binding FROM _floe_outbox", row -> row.getString(1));
    }

    /**
     * The oldest rows of the declared bindings not yet acknowledged, at most {@code limit} in all, with
     * their first delivery numbers: one query, oldest first whatever their binding, so a binding past
     * the limit gets its rows in a later read. The query starts after the rows acknowledged in every
     * binding and skips those acknowledged in some, which are at most the unsaved acknowledgements.
     */
    public List<Waiting> waiting(int limit) {
        if (bindings.isEmpty()) {
            return List.of();
        }
        long after = Long.MAX_VALUE;
        for (String binding : bindings) {
            Acknowledged unsaved = acknowledgedUnsaved.get(binding);
            after = Math.min(after, unsaved == null ? 0 : unsaved.lastSeq());
        }
        Map<String, List<Row>> rows = new HashMap<>();
        int taken = 0;
        try {
            PreparedStatement statement = db.prepare(waitingQuery);
            List<Object> parameters = new ArrayList<>(bindings.size() + 2);
            parameters.add(after);
            parameters.addAll(bindings);
            parameters.add(limit + acknowledgedUnsavedRows());
            ObjectDatabase.bind(statement, parameters.toArray());
            try (ResultSet result = statement.executeQuery()) {
                while (taken < limit && result.next()) {
                    String binding = result.getString(1);
                    long seq = result.getLong(2);
                    Acknowledged unsaved = acknowledgedUnsaved.get(binding);
                    if (unsaved == null || seq > unsaved.lastSeq()) {
                        rows.computeIfAbsent(binding, b -> new ArrayList<>()).add(new Row(seq, result.getString(3)));
                        taken++;
                    }
                }
            }
        } catch (SQLException e) {
            throw db.failure(waitingQuery, e);
        }
        List<Waiting> waiting = new ArrayList<>();
        for (String binding : bindings) {
            List<Row> found = rows.get(binding);
            if (found != null) {
                Acknowledged unsaved = acknowledgedUnsaved.get(binding);
                long saved = deliveries().getOrDefault(binding, 0L);
                waiting.add(new Waiting(binding, saved + (unsaved == null ? 0 : unsaved.count()), found));
            }
        }
        return waiting;
    }

    /** The saved next delivery number of each binding, read once and then kept as saves change it. */
    private Map<String, Long> deliveries() {
        if (savedDeliveries == null) {
            savedDeliveries = db.rows("SELECT binding, next FROM _floe_delivery",
                    row -> Map.entry(row.getString(1), row.getLong(2))).stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, HashMap::new));
        }
        return savedDeliveries;
    }

    /**
     * Notes rows the streams acknowledged: later reads start after them, and their delivery numbers
     * after theirs. They stay in the database until {@link #saveAcknowledged}, so that deleting them
     * costs one transaction per many acknowledgements rather than one each. Should the process stop
     * before that, they are sent again under the same numbers, and the streams take them for the
     * duplicates they are.
     */
    public void acknowledge(Collection<Acknowledged> acknowledged) {
        for (Acknowledged done : acknowledged) {
            if (acknowledgedUnsaved.isEmpty()) {
                acknowledgedSinceNanos = System.nanoTime();
            }
            acknowledgedUnsaved.merge(done.binding(), done, (before, after) -> new Acknowledged(done.binding(),
                    Math.max(before.lastSeq(), after.lastSeq()), before.count() + after.count()));
        }
    }

    /** Rows acknowledged and not deleted yet. */
    public long acknowledgedUnsavedRows() {
        return acknowledgedUnsaved.values().stream().mapToLong(Acknowledged::count).sum();
    }

    /** When the oldest acknowledgement not saved yet was noted ({@link System#nanoTime}). */
    public long acknowledgedUnsavedSinceNanos() {
        return acknowledgedSinceNanos;
    }

    /**
     * Deletes the acknowledged rows, all in one transaction (one commit however many bindings), and
     * advances each binding's delivery number past them.
     */
    public void saveAcknowledged() {
        if (acknowledgedUnsaved.isEmpty()) {
            return;
        }
        Map<String, Long> deliveries = deliveries();
        db.atomically(() -> acknowledgedUnsaved.values().forEach(done -> {
            db.update("DELETE FROM _floe_outbox WHERE seq <= ? AND binding = ?", done.lastSeq(), done.binding());
            db.update("INSERT INTO _floe_delivery (binding, next, last_seq) VALUES (?, ?, ?) ON CONFLICT (binding)"
                    + " DO UPDATE SET next = next + excluded.next, last_seq = max(last_seq, excluded.last_seq)",
                    done.binding(), done.count(), done.lastSeq());
        }));
        acknowledgedUnsaved.values().forEach(done -> deliveries.merge(done.binding(), (long) done.count(), Long::sum));
        acknowledgedUnsaved.clear();
    }

    /** Rows waiting to be sent: written, and not acknowledged. */
    public long size() {
        return ((Number) db.scalar("SELECT count(*) FROM _floe_outbox")).longValue() - acknowledgedUnsavedRows();
    }
}
