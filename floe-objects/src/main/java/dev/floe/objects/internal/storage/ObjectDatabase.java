package dev.floe.objects.internal.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * One object's SQLite database: a single connection (the object's calls never overlap, so it needs no
 * pool), a cache of prepared statements, and nested transactions.
 *
 * <p>WAL with {@code synchronous=NORMAL}: a commit appends to the WAL without fsync, so it survives the
 * application crashing (the data is in the OS's page cache) though not the machine losing power
 * before the next checkpoint. That is what keeps a state-changing call well under a millisecond.
 * The connection holds the database exclusively while open (one process owns an object).
 *
 * <p>Transactions nest: the outermost is BEGIN/COMMIT, inner ones are savepoints. The listener hears
 * the outermost commit and rollback, so that what depends on committed state (the relay, the alarm
 * schedule) moves only then. Not thread-safe: its owner serializes access.
 */
public final class ObjectDatabase implements AutoCloseable {
    private static final int STATEMENT_CACHE_SIZE = 64;
    /**
     * Commits between the checkpoints {@link #checkpointIfDue} makes: with a call's three or four WAL
     * frames, about SQLite's usual 1,000 pages of WAL.
     */
    private static final int COMMITS_PER_CHECKPOINT = 250;
    /**
     * SQLite's own checkpoint runs inside the commit that crosses this many WAL pages, on the calling
     * thread and with two fsyncs. For a database whose owner checkpoints it between calls it is a
     * backstop, for an object that is never idle nor delivered, set well above where
     * {@link #checkpointIfDue} checkpoints, so that calls otherwise never pay for it.
     */
    private static final int BACKSTOP_AUTOCHECKPOINT_PAGES = 4000;
    /** SQLite's own default, for a database nobody checkpoints between calls. */
    private static final int DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

    /** Hears the outermost transaction end, and the savepoints inside it begin and end. */
    public interface TransactionListener {
        /** Still inside the transaction: last writes may be added. */
        void beforeCommit();

        void afterCommit();

        void afterRollback();

        /**
         * Before a savepoint begins or is released: writes held back until now must be made, so that
         * they belong to the level they were made in.
         */
        void beforeSavepointBoundary();

        /** After the innermost savepoint was rolled back: writes held back since it began are undone too. */
        void afterSavepointRollback();
    }

    private final Path file;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > STATEMENT_CACHE_SIZE) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    private TransactionListener listener;
    private int depth;
    private Throwable poisoned;
    private int commitsSinceCheckpoint;

    private ObjectDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating) the database file in WAL mode, for this connection alone; SQLite checkpoints it
     * inside the commit that crosses 1,000 WAL pages, as it does by default.
     */
    public static ObjectDatabase open(Path file) {
        return open(file, DEFAULT_AUTOCHECKPOINT_PAGES);
    }

    /**
     * Opens the database of an owner that checkpoints it between calls ({@link #checkpointIfDue}, as
     * the object runtime does): SQLite's own checkpoint in a commit is then only a backstop, at
     * 4,000 pages. Without such an owner the WAL would grow to that before each checkpoint, 16 MB.
     */
    public static ObjectDatabase openCheckpointedBetweenCalls(Path file) {
        return open(file, BACKSTOP_AUTOCHECKPOINT_PAGES);
    }

    private static ObjectDatabase open(Path file, int autocheckpointPages) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // The connection keeps its file lock until it closes: no lock calls on every transaction, the
        // WAL index in memory rather than a shared-memory file, and a second process that opened the
        // same object (which would break its actor semantics) is refused instead.
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // The driver would otherwise run "SELECT last_insert_rowid()" after every INSERT for
        // getGeneratedKeys, which nothing here asks for.
        config.setGetGeneratedKeys(false);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_autocheckpoint = " + autocheckpointPages);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new ObjectDatabase(file, connection);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot open the object database " + file + ": "
                    + e.getMessage() + "; check that the directory is writable and the file is a SQLite database", e);
        }
    }

    public Path file() {
        return file;
    }

    public void listener(TransactionListener listener) {
        this.listener = listener;
    }

    public boolean inTransaction() {
        return depth > 0;
    }

    /** Runs {@code work} in a transaction (a savepoint when one is open): committed if it returns, undone if it throws. */
    public <R> R inTransaction(Supplier<R> work) {
        begin();
        R result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            rollback(e);
            throw e;
        }
        commit();
        return result;
    }

    /**
     * Runs writes that must commit together (a state change and its outbox row). Inside a transaction
     * they run as they are, and if one fails the transaction can no longer commit: a caller that
     * catches the failure cannot keep half of them.
     */
    public void atomically(Runnable writes) {
        if (depth == 0) {
            inTransaction(() -> {
                writes.run();
                return null;
            });
            return;
        }
        try {
            writes.run();
        } catch (RuntimeException | Error e) {
            poisoned = e;
            throw e;
        }
    }

    public void begin() {
        if (depth > 0 && listener != null) {
            try {
                listener.beforeSavepointBoundary();
            } catch (RuntimeException | Error e) {
                poisoned = e;
                throw e;
            }
        }
        control(depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT floe_" + depth);
        depth++;
    }

    public void commit() {
        if (depth == 1 && poisoned != null) {
            FloeException refused = new FloeException(ErrorCode.INTERNAL, "a write of the runtime's own failed in this"
                    + " transaction, so it cannot commit: " + poisoned.getMessage(), poisoned);
            rollback(refused);
            throw refused;
        }
        if (listener != null) {
            try {
                if (depth == 1) {
                    listener.beforeCommit();
                } else {
                    listener.beforeSavepointBoundary();
                }
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            }
        }
        try {
            control(depth == 1 ? "COMMIT" : "RELEASE floe_" + (depth - 1));
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        }
        depth--;
        if (depth == 0) {
            commitsSinceCheckpoint++;
            if (listener != null) {
                listener.afterCommit();
            }
        }
    }

    /**
     * The WAL file when {@link #checkpointIfDue} would checkpoint now, for its owner to sync first
     * ({@link WalSync}) without holding the object: the checkpoint begins by syncing the WAL, and most of
     * that wait (all the frames since the last checkpoint, about 4 MB) is then over before it starts.
     */
    public Optional<Path> walToSyncBeforeCheckpoint() {
        return checkpointDue() ? Optional.of(Path.of(file + "-wal")) : Optional.empty();
    }

    private boolean checkpointDue() {
        return depth == 0 && commitsSinceCheckpoint >= COMMITS_PER_CHECKPOINT;
    }

    /**
     * Copies the WAL into the database file when enough was committed since the last time, so that the
     * WAL starts again from its beginning: for whoever holds the object between calls (the runtime's
     * checkpoint workers), so that calls do not. The first commit after a checkpoint writes the WAL's
     * header anew and waits for it to reach the disk: counting the checkpoint in the metadata is that
     * commit, made here too. (A statement that changes nothing would not do: SQLite writes no frame for
     * it.)
     */
    public void checkpointIfDue() {
        if (checkpointDue()) {
            scalar("PRAGMA wal_checkpoint(PASSIVE)");
            update("INSERT INTO _floe_meta (key, value) VALUES ('checkpoints', '1')"
                    + " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
            commitsSinceCheckpoint = 0;
        }
    }

    /** Undoes the innermost transaction; a failure to do so is added to {@code cause}. */
    public void rollback(Throwable cause) {
        depth--;
        try {
            if (depth == 0) {
                control("ROLLBACK");
            } else {
                control("ROLLBACK TO floe_" + depth);
                control("RELEASE floe_" + depth);
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        if (depth == 0) {
            poisoned = null;
            if (listener != null) {
                listener.afterRollback();
            }
        } else if (listener != null) {
            listener.afterSavepointRollback();
        }
    }

    /** A cached prepared statement; the caller must not close it. */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Runs a transaction statement; they are few and run on every call, so they stay prepared. */
    private void control(String sql) {
        try {
            prepare(sql).execute();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Runs statements without parameters (one or several, separated by semicolons). */
    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Runs one write with parameters; returns how many rows it changed. */
    public int update(String sql, Object... parameters) {
        try {
            PreparedStatement statement = prepare(sql);
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row of a query, each read by {@code reader}, in the query's order. */
    public <T> List<T> rows(String sql, RowReader<T> reader, Object... parameters) {
        try {
            PreparedStatement statement = prepare(sql);
            bind(statement, parameters);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** The first column of the first row of a query, or null when it has no row. */
    public Object scalar(String sql, Object... parameters) {
        try {
            PreparedStatement statement = prepare(sql);
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** How many rows every statement so far changed, triggers included. */
    public long totalChanges() {
        try {
            return ((SQLiteConnection) connection).getDatabase().total_changes();
        } catch (SQLException e) {
            throw failure("total_changes()", e);
        }
    }

    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            switch (value) {
                case null -> statement.setObject(i + 1, null);
                case String text -> statement.setString(i + 1, text);
                case Integer number -> statement.setLong(i + 1, number);
                case Long number -> statement.setLong(i + 1, number);
                case Short number -> statement.setLong(i + 1, number);
                case Byte number -> statement.setLong(i + 1, number);
                case Double number -> statement.setDouble(i + 1, number);
                case Float number -> statement.setDouble(i + 1, number);
                case Boolean flag -> statement.setLong(i + 1, flag ? 1 : 0);
                case byte[] bytes -> statement.setBytes(i + 1, bytes);
                case Number number -> statement.setString(i + 1, number.toString());
                default -> throw new FloeException(ErrorCode.INVALID_REQUEST, "binding " + (i + 1) + " is a "
                        + value.getClass().getName() + ": bind null, a string, a number, a boolean or a byte array");
            }
        }
    }

    public FloeException failure(String sql, SQLException e) {
        return new FloeException(ErrorCode.INVALID_REQUEST, "SQLite refused \"" + abbreviate(sql) + "\" in " + file.getFileName()
                + ": " + e.getMessage(), e);
    }

    private static String abbreviate(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    @Override
    public void close() {
        statements.values().forEach(ObjectDatabase::closeQuietly);
        statements.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot close the object database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // A statement that cannot close holds nothing the connection's close does not release.
        }
    }
}
