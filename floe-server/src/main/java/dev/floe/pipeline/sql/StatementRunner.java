package dev.floe.pipeline.sql;

import dev.floe.engine.HiddenColumns;
import dev.floe.engine.SqlLiterals;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a compiled statement over a batch, sending the events that fail to dead letters instead of
 * failing the batch.
 *
 * <p>The whole batch is tried first: it is one query, and almost always succeeds. When DuckDB fails it
 * with an error about a value (a cast that cannot succeed, an invalid argument, an overflow), the
 * batch is bisected by offset: each half is retried alone, down to single events, whose errors become
 * dead letters. The good rows of every part are kept. A batch with k bad events among n costs about
 * {@code 2k log2(n)} extra queries. {@code TRY_CAST} would not do: it turns a bad value into null and
 * writes the row, silently. Errors that are not about values (out of memory, a bug) fail the batch.
 */
public final class StatementRunner {
    /** DuckDB's error kinds that a value in a row causes; any other error is not the row's fault. */
    private static final List<String> ROW_ERRORS = List.of("Conversion Error", "Invalid Input Error", "Out of Range Error");
    /** Where a failing input is copied to be bisected: parts of a table are cheap to read again. */
    private static final String BISECTED_TABLE = "floe_bisected";

    private final Connection connection;

    public StatementRunner(Connection connection) {
        this.connection = connection;
    }

    /**
     * Appends the statement's rows over {@code input} to {@code target}, a temporary table of the
     * connection created with the statement's output columns then {@code __offset} and
     * {@code __ingest_ts} when missing. Events of the input below {@code fromOffset} are left out:
     * after a restart, a sink skips what it had already committed. Rows are appended in the order of
     * the input's offsets, so a target fed in offset order stays in offset order.
     *
     * @param input a relation with the stream's columns and the hidden ones, as SQL: a table name or
     *              a parenthesized query (such as a batch file read directly); it is read once when
     *              every event succeeds, and copied into a table of its own to be bisected when not
     */
    public StatementResult run(CompiledStatement statement, String input, long fromOffset, String target) {
        String output = SqlLiterals.identifier(target);
        try {
            pointInputAt(input, fromOffset, Long.MAX_VALUE);
            execute("CREATE TEMP TABLE IF NOT EXISTS " + output + " AS SELECT * FROM (" + statement.sql() + ") LIMIT 0");
            List<DeadLetter> deadLetters = new ArrayList<>();
            long rows = tryInsert(statement, output, deadLetters, null);
            if (rows < 0) {
                rows = bisect(statement, input, fromOffset, output, deadLetters);
            }
            return new StatementResult(rows, deadLetters);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot run the statement writing to " + statement.sink() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Hands {@code write} the statement's rows over all of {@code input}, as a SELECT of its output
     * columns in the input's order, for one statement that writes them elsewhere than a table (such as
     * a {@code COPY} into a file). The input's hidden columns may be null: nothing reads them.
     *
     * @return what {@code write} answered, or empty when DuckDB failed it on a value: the caller then
     *         runs the input through {@link #run}, which finds the events at fault
     * @throws FloeException what {@code write} threw for any other reason
     */
    public <T> Optional<T> write(CompiledStatement statement, String input, Function<String, T> write) {
        try {
            defineInput("SELECT * FROM " + input);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot run the statement writing to " + statement.sink() + ": "
                    + e.getMessage(), e);
        }
        try {
            return Optional.of(write.apply("SELECT * EXCLUDE (" + HiddenColumns.OFFSET + ", " + HiddenColumns.INGEST_TS
                    + ") FROM (" + statement.sql() + ")"));
        } catch (FloeException e) {
            if (e.getCause() instanceof SQLException cause && isRowError(cause)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Runs the statement over ever smaller parts of the input, keeping what succeeds; returns the rows kept. */
    private long bisect(CompiledStatement statement, String input, long fromOffset, String output,
            List<DeadLetter> deadLetters) throws SQLException {
        String parts = SqlLiterals.identifier(BISECTED_TABLE);
        execute("CREATE OR REPLACE TEMP TABLE " + parts + " AS SELECT * FROM " + input + " WHERE "
                + HiddenColumns.OFFSET + " >= " + fromOffset);
        try {
            long[] offsets = offsets(parts);
            return bisect(statement, parts, output, offsets, 0, offsets.length - 1, deadLetters);
        } finally {
            execute("DROP TABLE " + parts);
        }
    }

    private long bisect(CompiledStatement statement, String parts, String output, long[] offsets,
            int low, int high, List<DeadLetter> deadLetters) throws SQLException {
        int middle = (low + high) >>> 1;
        long rows = 0;
        for (int[] half : new int[][] {{low, middle}, {middle + 1, high}}) {
            pointInputAt(parts, offsets[half[0]], offsets[half[1]]);
            boolean single = half[0] == half[1];
            long inserted = tryInsert(statement, output, deadLetters, single ? offsets[half[0]] : null);
            if (inserted >= 0) {
                rows += inserted;
            } else if (!single) {
                rows += bisect(statement, parts, output, offsets, half[0], half[1], deadLetters);
            }
        }
        return rows;
    }

    /**
     * Inserts the statement's rows over the current input and answers how many. On an error about a
     * value nothing is inserted (a statement is atomic) and the answer is -1; with {@code soleOffset}
     * the input is that one event, which becomes a dead letter. Other errors are thrown.
     */
    private long tryInsert(CompiledStatement statement, String output, List<DeadLetter> deadLetters,
            Long soleOffset) throws SQLException {
        try (Statement insert = connection.createStatement()) {
            return insert.executeLargeUpdate("INSERT INTO " + output + " " + statement.sql());
        } catch (SQLException e) {
            if (!isRowError(e)) {
                throw e;
            }
            if (soleOffset != null) {
                deadLetters.add(new DeadLetter(soleOffset, firstLine(e.getMessage())));
            }
            return -1;
        }
    }

    private void pointInputAt(String input, long first, long last) throws SQLException {
        defineInput("SELECT * FROM " + input + " WHERE " + HiddenColumns.OFFSET + " BETWEEN " + first + " AND "
                + last);
    }

    /** Makes the relation the statements read the rows of {@code select}. */
    private void defineInput(String select) throws SQLException {
        execute("CREATE OR REPLACE TEMP VIEW " + CompiledStatement.INPUT_RELATION + " AS " + select);
    }

    /** Runs one statement; DuckDB's JDBC statement is not usable after it failed, so each gets its own. */
    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long[] offsets(String parts) throws SQLException {
        List<Long> offsets = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery("SELECT "
                + HiddenColumns.OFFSET + " FROM " + parts + " ORDER BY 1")) {
            while (result.next()) {
                offsets.add(result.getLong(1));
            }
        }
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    private static boolean isRowError(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return ROW_ERRORS.stream().anyMatch(message::startsWith);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
