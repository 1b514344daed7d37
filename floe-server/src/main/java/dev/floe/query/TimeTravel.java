package dev.floe.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;

/**
 * Reading a table as it was: {@code FOR SYSTEM_VERSION AS OF <snapshot id>} and
 * {@code FOR SYSTEM_TIME AS OF <timestamp>} after a table name (an alias follows them, with AS), or
 * DuckDB's own {@code AT (VERSION => …)} / {@code AT (TIMESTAMP => …)}. DuckDB parses only its own
 * form, so the standard one is rewritten to it in the text first; the table's scan is then pinned to
 * the snapshot (for a time, the one current then).
 */
final class TimeTravel {
    private static final Pattern STANDARD = Pattern.compile(
            "\\bFOR\\s+SYSTEM_(VERSION|TIME)\\s+AS\\s+OF\\s+(-?\\d+|(?:TIMESTAMPTZ\\s+|TIMESTAMP\\s+)?'[^']*')"
                    + "(\\s+AS\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*))?",
            Pattern.CASE_INSENSITIVE);

    private TimeTravel() {
    }

    /** The query with the standard clauses in DuckDB's form. */
    static String toDuckDb(String sql) {
        Matcher matcher = STANDARD.matcher(sql);
        StringBuilder rewritten = new StringBuilder();
        while (matcher.find()) {
            String unit = matcher.group(1).equalsIgnoreCase("VERSION") ? "VERSION" : "TIMESTAMP";
            String alias = matcher.group(3) == null ? "" : matcher.group(3).strip() + " ";
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(
                    alias + "AT (" + unit + " => " + matcher.group(2) + ")"));
        }
        return matcher.appendTail(rewritten).toString();
    }

    /** A scan of the table at the reference's AT clause, or of its current snapshot without one. */
    static TableScan scan(Table table, JsonNode atClause, Connection duckDb) {
        TableScan scan = table.newScan();
        if (atClause == null || atClause.isNull()) {
            return scan;
        }
        String expression = new SqlTree(duckDb).expressionSql(atClause.path("expr"));
        if (atClause.path("unit").asText().equalsIgnoreCase("VERSION")) {
            long snapshot = evaluate(duckDb, "CAST(" + expression + " AS BIGINT)");
            if (table.snapshot(snapshot) == null) {
                throw new FloeException(ErrorCode.NOT_FOUND, "table " + table.name() + " has no snapshot " + snapshot);
            }
            return scan.useSnapshot(snapshot);
        }
        long millis = evaluate(duckDb, "epoch_ms(CAST(" + expression + " AS TIMESTAMPTZ))");
        try {
            return scan.asOfTime(millis);
        } catch (IllegalArgumentException e) {
            throw new FloeException(ErrorCode.NOT_FOUND, "table " + table.name() + " has no snapshot at or before "
                    + Instant.ofEpochMilli(millis));
        }
    }

    private static long evaluate(Connection duckDb, String expression) {
        try (PreparedStatement statement = duckDb.prepareStatement("SELECT " + expression);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "cannot read the time travel clause "
                    + expression + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
