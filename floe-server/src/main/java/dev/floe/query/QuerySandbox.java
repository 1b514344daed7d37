package dev.floe.query;

import dev.floe.engine.SqlLiterals;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One planned query and the DuckDB it runs in: a new in-memory database per query that may read the
 * planned data files and nothing else (external access off; {@code allowed_paths}: the planned copies
 * of S3-backed buckets' files; {@code allowed_directories}: the folders of the planned files of local
 * buckets, a table's partition folders; the configuration locked before the user's SQL runs), without
 * extensions to load, and that does not spill, so that its memory limit is a hard one. Its rewritten
 * SQL names only those files; anything else it reaches for (a file, a setting, a database) is refused
 * by DuckDB.
 */
final class QuerySandbox {
    /**
     * The most rows one answer holds: they are kept in the server's heap until sent, which DuckDB's
     * memory limit does not cover.
     */
    static final int MAX_ROWS = 100_000;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("floe-query-timeout").daemon(true).factory());

    private final String sql;
    private final Set<String> functions;
    private final List<ScannedTable> tables;
    private final Path copies;
    private final Integer defaultLimit;
    private final long startedNanos;

    /**
     * @param functions the names of the functions the query calls, lower case, to install those only
     * @param copies    the folder of the downloaded copies of S3-backed buckets' files
     */
    QuerySandbox(String sql, Set<String> functions, List<ScannedTable> tables, Path copies, Integer defaultLimit,
                 long startedNanos) {
        this.sql = sql;
        this.functions = functions;
        this.copies = copies;
        this.tables = tables;
        this.defaultLimit = defaultLimit;
        this.startedNanos = startedNanos;
    }

    /** Runs the query in a database from {@code databases}, which it hands back afterwards. */
    QueryResult run(QueryLimits limits, FreshDatabases databases) {
        AtomicBoolean timedOut = new AtomicBoolean();
        Connection connection = null;
        try {
            connection = databases.take();
            configure(connection);
            try (Statement statement = connection.createStatement()) {
                ScheduledFuture<?> timeout = TIMER.schedule(() -> {
                    timedOut.set(true);
                    cancel(statement);
                }, Math.max(1, limits.timeout().toMillis() - elapsedMillis()), TimeUnit.MILLISECONDS);
                try (ResultSet result = statement.executeQuery(sql)) {
                    return answer(result, connection);
                } finally {
                    timeout.cancel(false);
                }
            }
        } catch (SQLException e) {
            throw failure(e, timedOut.get(), limits);
        } finally {
            if (connection != null) {
                databases.dispose(connection);
            }
        }
    }

    /** Confines a new database to the query's files and locks its configuration. */
    private void configure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // A copy's folder holds every bucket's copies: those are allowed one by one. A local bucket's
            // files are allowed by folder (a table's partition folders): DuckDB took 50 to 130 ms to set
            // 720 files one by one. Neither is a path a query can name, as it reads tables only.
            Set<String> paths = new LinkedHashSet<>();
            Set<String> directories = new LinkedHashSet<>();
            for (ScannedTable table : tables) {
                for (Path file : table.files()) {
                    if (file.startsWith(copies)) {
                        paths.add(SqlLiterals.string(file.toString()));
                    } else {
                        directories.add(SqlLiterals.string(file.getParent() + "/"));
                    }
                }
            }
            // in one call: each statement on its own cost a round trip into DuckDB
            statement.execute(String.join("; ",
                    // a setting of the ICU extension, which a database loads once open
                    "SET TimeZone = 'UTC'",
                    "SET allowed_paths = [" + String.join(", ", paths) + "]",
                    "SET allowed_directories = [" + String.join(", ", directories) + "]",
                    // for the row groups the scans read and skipped: RowGroupCounts
                    "SET enable_profiling = 'no_output'",
                    "SET enable_external_access = false"));
            QueryFunctions.install(connection, functions);
            statement.execute("SET lock_configuration = true");
        }
    }

    private QueryResult answer(ResultSet result, Connection connection) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<QueryResult.Column> schema = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            schema.add(new QueryResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (result.next()) {
            if (rows.size() == MAX_ROWS) {
                throw new FloeException(ErrorCode.QUERY_TOO_LARGE, "the answer has more than " + MAX_ROWS
                        + " rows; aggregate, filter or add a LIMIT");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= schema.size(); i++) {
                row.put(schema.get(i - 1).name(), value(result.getObject(i)));
            }
            rows.add(row);
        }
        return new QueryResult(List.copyOf(schema), rows, metrics(RowGroupCounts.ofLastQuery(connection)), defaultLimit);
    }

    /**
     * JSON's own types stay; timestamps in RFC 3339 with their seconds (an instant with its offset, Z
     * in the session's UTC); binary values as lowercase hex (as Cloudflare's digests print); anything
     * else (dates, lists, structs…) as its text.
     */
    private static Object value(Object value) throws SQLException {
        if (value instanceof Blob blob) {
            return HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
        }
        if (value instanceof OffsetDateTime instant) {
            return instant.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof Timestamp local) {
            return local.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return value;
        }
        return value.toString();
    }

    private static FloeException failure(SQLException e, boolean timedOut, QueryLimits limits) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (timedOut) {
            return new FloeException(ErrorCode.QUERY_TIMEOUT, "the query ran longer than the limit of "
                    + limits.timeout().toMillis() + " ms and was stopped");
        }
        if (message.contains("Out of Memory")) {
            return new FloeException(ErrorCode.QUERY_TOO_LARGE, "the query needed more than the limit of "
                    + limits.memoryLimitBytes() + " bytes of memory: " + firstLine(message));
        }
        if (message.contains("Permission Error") || message.contains("disabled by configuration")) {
            return new FloeException(ErrorCode.SQL_UNSUPPORTED, "a query may read only the tables it names: "
                    + firstLine(message));
        }
        if (message.contains("Parser Error")) {
            return new FloeException(ErrorCode.SQL_SYNTAX, firstLine(message));
        }
        return new FloeException(ErrorCode.INVALID_REQUEST, firstLine(message));
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    List<ScannedTable> tables() {
        return tables;
    }

    /** The query as it runs: every table reference rewritten to the files it reads. */
    String sql() {
        return sql;
    }

    /** EXPLAIN: per named table, each data file and whether the plan kept or pruned it. */
    QueryResult explain() {
        List<QueryResult.Column> schema = List.of(new QueryResult.Column("table", "VARCHAR"),
                new QueryResult.Column("file", "VARCHAR"), new QueryResult.Column("status", "VARCHAR"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScannedTable table : tables) {
            table.files().forEach(file -> rows.add(fileRow(table.name(), file.toString(), "kept")));
            table.prunedFiles().forEach(file -> rows.add(fileRow(table.name(), file, "pruned")));
            table.bloomPrunedFiles().forEach(file -> rows.add(fileRow(table.name(), file, "pruned by bloom filter")));
        }
        return new QueryResult(schema, rows, metrics(new RowGroupCounts(0, 0)), null);
    }

    private QueryResult.Metrics metrics(RowGroupCounts rowGroups) {
        long files = 0;
        long pruned = 0;
        long bloomPruned = 0;
        long bytes = 0;
        for (ScannedTable table : tables) {
            files += table.files().size();
            pruned += table.prunedFiles().size() + table.bloomPrunedFiles().size();
            bloomPruned += table.bloomPrunedFiles().size();
            bytes += table.bytes();
        }
        return new QueryResult.Metrics(files, pruned, bloomPruned, bytes, rowGroups.scanned(), rowGroups.skipped(),
                elapsedMillis(), false);
    }

    private static Map<String, Object> fileRow(String table, String file, String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("table", table);
        row.put("file", file);
        row.put("status", status);
        return row;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            // the query ended meanwhile
        }
    }
}
