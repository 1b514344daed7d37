package dev.floe.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;
import org.duckdb.ProfilerPrintFormat;

/**
 * How many Parquet row groups a query's scans read and how many they skipped, from DuckDB's profile of
 * the query it just ran ({@code enable_profiling}): a row group is skipped when its min/max statistics
 * or its bloom filter rule out the scan's filter. Only the files the scans opened count (a LIMIT may
 * stop them early).
 */
record RowGroupCounts(long scanned, long skipped) {
    /** The counts of the last query run on {@code connection}, which must have profiling enabled. */
    static RowGroupCounts ofLastQuery(Connection connection) throws SQLException {
        String profile = connection.unwrap(DuckDBConnection.class).getProfilingInformation(ProfilerPrintFormat.JSON);
        try {
            long[] totals = new long[2];
            add(Json.MAPPER.readTree(profile).path("operator"), totals);
            return new RowGroupCounts(totals[0], totals[1] - totals[0]);
        } catch (JsonProcessingException e) {
            throw new SQLException("DuckDB's query profile is not JSON: " + e.getMessage(), e);
        }
    }

    /** Adds every scan's row groups read and to read, at any depth, to {@code totals}. */
    private static void add(JsonNode operators, long[] totals) {
        for (JsonNode operator : operators) {
            totals[0] += operator.path("row_groups_scanned").asLong();
            totals[1] += operator.path("total_row_groups_to_scan").asLong();
            add(operator.path("children"), totals);
        }
    }
}
