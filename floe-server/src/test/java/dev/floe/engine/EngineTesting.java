package dev.floe.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.schema.StreamSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the tests that run a real embedded DuckDB. */
public final class EngineTesting {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineTesting() {}

    public static DuckDbEngine openEngine(Path directory) {
        return DuckDbEngine.open(new EngineSettings(1, 256L << 20, directory));
    }

    /** A schema from its JSON form, written with single quotes for readability. */
    public static StreamSchema schema(String json) {
        try {
            return StreamSchema.fromJson(JSON.readTree(json.replace('\'', '"')));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Records from JSON texts (single quotes for double), at offsets from {@code firstOffset}. */
    public static List<LogRecord> records(long firstOffset, long ingestTimeMillis, String... payloads) {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            records.add(new LogRecord(firstOffset + i, ingestTimeMillis,
                    payloads[i].replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    /** Every row of a query, each column as DuckDB's text form of it (null for null). */
    public static List<Map<String, String>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<Map<String, String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(result.getMetaData().getColumnName(i), result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The single value of a query that returns one row of one column, as text. */
    public static String value(Connection connection, String sql) throws SQLException {
        List<Map<String, String>> rows = rows(connection, sql);
        if (rows.size() != 1 || rows.getFirst().size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.getFirst().values().iterator().next();
    }
}
