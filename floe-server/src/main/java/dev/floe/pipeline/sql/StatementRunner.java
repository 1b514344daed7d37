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

/**
 * Runs a compiled statement over a loaded batch, sending the events that fail to dead letters
 * instead of failing the batch.
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

    private final Connection connection;

    public StatementRunner(Connection connection) {
        this.connection = connection;
    }

    /**
     * Replaces {@code outputTable} with the statement's rows over {@code batchTable} (a table made
     * by the loader, with the hidden columns): the output columns, then {@code __offset} and
     * {@code __ingest_ts}. Events of the batch below {@code fromOffset} are left out: after a restart, a
     * sink skips what it had already committed.
     */
    public StatementResult run(CompiledStatement statement, String batchTable, long fromOffset, String outputTable) {
        String output = SqlLiterals.identifier(outputTable);
        try {
            pointInputAt(batchTable, fromOffset, Long.MAX_VALUE);
            execute("CREATE OR REPLACE TEMP TABLE " + output + " AS SELECT * FROM (" + statement.sql() + ") LIMIT 0");
            List<DeadLetter> deadLetters = new ArrayList<>();
            if (!tryInsert(statement, output, deadLetters, null)) {
                long[] offsets = offsets(batchTable, fromOffset);
                bisect(statement, batchTable, output, offsets, 0, offsets.length - 1, deadLetters);
            }
            try (Statement sql = connection.createStatement();
                    ResultSet count = sql.executeQuery("SELECT count(*) FROM " + output)) {
                count.next();
                return new StatementResult(count.getLong(1), deadLetters);
            }
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot run the statement writing to " + statement.sink() + ": "
                    + e.getMessage(), e);
        }
    }

    private void bisect(CompiledStatement statement, String batchTable, String output, long[] offsets,
            int low, int high, List<DeadLetter> deadLetters) throws SQLException {
        int middle = (low + high) >>> 1;
        for (int[] half : new int[][] {{low, middle}, {middle + 1, high}}) {
            pointInputAt(batchTable, offsets[half[0]], offsets[half[1]]);
            boolean single = half[0] == half[1];
            if (!tryInsert(statement, output, deadLetters, single ? offsets[half[0]] : null) && !single) {
                bisect(statement, batchTable, output, offsets, half[0], half[1], deadLetters);
            }
        }
    }

    /**
     * Inserts the statement's rows over the current input. On an error about a value: with
     * {@code soleOffset} the input is that one event, which becomes a dead letter; either way the
     * answer is false. Other errors are thrown.
     */
    private boolean tryInsert(CompiledStatement statement, String output, List<DeadLetter> deadLetters,
            Long soleOffset) throws SQLException {
        try {
            execute("INSERT INTO " + output + " " + statement.sql());
            return true;
        } catch (SQLException e) {
            if (!isRowError(e)) {
                throw e;
            }
            if (soleOffset != null) {
                deadLetters.add(new DeadLetter(soleOffset, firstLine(e.getMessage())));
            }
            return false;
        }
    }

    private void pointInputAt(String batchTable, long first, long last) throws SQLException {
        execute("CREATE OR REPLACE TEMP VIEW " + CompiledStatement.INPUT_RELATION + " AS SELECT * FROM "
                + SqlLiterals.identifier(batchTable) + " WHERE " + HiddenColumns.OFFSET + " BETWEEN " + first + " AND " + last);
    }

    /** Runs one statement; DuckDB's JDBC statement is not usable after it failed, so each gets its own. */
    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long[] offsets(String batchTable, long fromOffset) throws SQLException {
        List<Long> offsets = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery("SELECT " + HiddenColumns.OFFSET + " FROM "
                + SqlLiterals.identifier(batchTable) + " WHERE " + HiddenColumns.OFFSET + " >= " + fromOffset + " ORDER BY 1")) {
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
