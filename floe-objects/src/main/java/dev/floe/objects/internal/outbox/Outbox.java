package dev.floe.objects.internal.outbox;

import dev.floe.objects.internal.storage.ObjectDatabase;
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
 * cost one statement rather than one each, and still commit in its transaction or not at all. It
 * hears its database's transactions as their listener, or through the listener that hears them for it.
 *
 * <p>Once a read for delivery has found every waiting row, the outbox keeps the waiting rows in memory
 * too, adding each commit's rows as it commits: the relay's next reads then cost no query, which was
 * half of what a turn did holding the object (39 of 72 µs at a steady 2,000 calls/s). They are kept
 * while they hold at most {@value #MAX_KEPT_CHARS} characters of payload, and dropped after a
 * transaction whose rolled-back savepoint may have taken some of its inserted rows with it; the
 * database is read again then, and after every opening.
 */
public final class Outbox implements ObjectDatabase.TransactionListener {
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

    /** A row with its binding, in the order of the outbox. */
    private record Pending(String binding, Row row) {
    }

    /** A few times what a busy object commits in a linger, and a small part of the page cache SQLite may keep. */
    private static final int MAX_KEPT_CHARS = 64 * 1024;

    private final ObjectDatabase db;
    private final Set<String> bindings;
    private final String waitingQuery;
    private static final int MAX_ROWS_PER_INSERT = 32;

    private final String[] inserts = new String[MAX_ROWS_PER_INSERT + 1];
    /** Rows appended and not inserted yet. */
    private final List<Pending> unflushed = new ArrayList<>();
    /** Rows inserted in the open transaction. */
    private final List<Pending> uncommitted = new ArrayList<>();
    /** Whether a rolled-back savepoint may have undone some of {@link #uncommitted}. */
    private boolean uncommittedUncertain;
    /** Every waiting row of the declared bindings, oldest first, or null when only the database has them all. */
    private List<Pending> kept;
    private long keptChars;
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
        unflushed.add(new Pending(binding, new Row(seq, payload.apply(seq))));
        written = true;
        return seq;
    }

    /** Inserts the rows appended since the last flush, up to {@value #MAX_ROWS_PER_INSERT} in a statement. */
    public void flush() {
        try {
            for (int from = 0; from < unflushed.size(); from += MAX_ROWS_PER_INSERT) {
                List<Pending> rows = unflushed.subList(from, Math.min(unflushed.size(), from + MAX_ROWS_PER_INSERT));
                Object[] values = new Object[rows.size() * 3];
                for (int i = 0; i < rows.size(); i++) {
                    values[i * 3] = rows.get(i).binding();
                    values[i * 3 + 1] = rows.get(i).row().seq();
                    values[i * 3 + 2] = rows.get(i).row().payload();
                }
                db.update(insert(rows.size()), values);
                uncommitted.addAll(rows);
            }
        } finally {
            unflushed.clear();
        }
    }

    @Override
    public void beforeCommit() {
        flush();
    }

    @Override
    public void beforeSavepointBoundary() {
        flush();
    }

    /** The rows appended since the innermost savepoint began are forgotten. */
    @Override
    public void afterSavepointRollback() {
        unflushed.clear();
        uncommittedUncertain |= !uncommitted.isEmpty();
    }

    /** None of the transaction's rows exist. */
    @Override
    public void afterRollback() {
        unflushed.clear();
        uncommitted.clear();
        uncommittedUncertain = false;
        written = false;
    }

    /** The transaction's rows join those kept for delivery. */
    @Override
    public void afterCommit() {
        if (kept != null) {
            if (uncommittedUncertain) {
                forgetKept();
            } else {
                uncommitted.forEach(this::keep);
            }
        }
        uncommitted.clear();
        uncommittedUncertain = false;
    }

    /** Whether rows were appended since the last call and not rolled back with their transaction; clears the flag. */
    public boolean takeWritten() {
        boolean was = written;
        written = false;
        return was;
    }

    private void keep(Pending pending) {
        if (kept == null) {
            return;
        }
        kept.add(pending);
        keptChars += pending.row().payload().length();
        if (keptChars > MAX_KEPT_CHARS) {
            forgetKept();
        }
    }

    private void forgetKept() {
        kept = null;
        keptChars = 0;
    }

    private String insert(int rows) {
        if (inserts[rows] == null) {
            inserts[rows] = "INSERT INTO _floe_outbox (binding, seq, payload) VALUES "
                    + String.join(", ", Collections.nCopies(rows, "(?, ?, ?)"));
        }
        return inserts[rows];
    }

    /** The bindings that have rows in the outbox, declared or not: a scan of it, for a check made once per object. */
    public List<String> pendingBindings() {
        return db.rows("SELECT DISTINCT binding FROM _floe_outbox", row -> row.getString(1));
    }

    /**
     * The oldest rows of the declared bindings not yet acknowledged, at most {@code limit} in all, with
     * their first delivery numbers: oldest first whatever their binding, so a binding past the limit gets
     * its rows in a later read. From the rows kept in memory when there are, else one query, which starts
     * after the rows acknowledged in every binding and skips those acknowledged in some (at most the
     * unsaved acknowledgements); a query that finds fewer than the limit found them all, and they are
     * kept from then on.
     */
    public List<Waiting> waiting(int limit) {
        if (bindings.isEmpty()) {
            return List.of();
        }
        if (kept != null) {
            return grouped(kept.subList(0, Math.min(limit, kept.size())));
        }
        List<Pending> rows = read(limit);
        if (rows.size() < limit) {
            kept = new ArrayList<>();
            rows.forEach(this::keep);
        }
        return grouped(rows);
    }

    private List<Pending> read(int limit) {
        long after = Long.MAX_VALUE;
        for (String binding : bindings) {
            Acknowledged unsaved = acknowledgedUnsaved.get(binding);
            after = Math.min(after, unsaved == null ? 0 : unsaved.lastSeq());
        }
        List<Object> parameters = new ArrayList<>(bindings.size() + 2);
        parameters.add(after);
        parameters.addAll(bindings);
        parameters.add(limit + acknowledgedUnsavedRows());
        List<Pending> rows = db.rows(waitingQuery,
                row -> new Pending(row.getString(1), new Row(row.getLong(2), row.getString(3))), parameters.toArray());
        rows.removeIf(pending -> {
            Acknowledged unsaved = acknowledgedUnsaved.get(pending.binding());
            return unsaved != null && pending.row().seq() <= unsaved.lastSeq();
        });
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    private List<Waiting> grouped(List<Pending> rows) {
        Map<String, List<Row>> byBinding = new HashMap<>();
        for (Pending pending : rows) {
            byBinding.computeIfAbsent(pending.binding(), b -> new ArrayList<>()).add(pending.row());
        }
        List<Waiting> waiting = new ArrayList<>();
        for (String binding : bindings) {
            List<Row> found = byBinding.get(binding);
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
            if (kept != null && kept.removeIf(pending -> pending.binding().equals(done.binding())
                    && pending.row().seq() <= done.lastSeq())) {
                keptChars = kept.stream().mapToLong(pending -> pending.row().payload().length()).sum();
            }
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
