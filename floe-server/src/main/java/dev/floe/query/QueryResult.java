package dev.floe.query;

import java.util.List;
import java.util.Map;

/**
 * The answer to a query: its columns in order, its rows (column name to value: strings, numbers,
 * booleans or null; other types as their text), and what it read.
 *
 * @param defaultLimit the row limit floe applied because the query gave none, or null when it gave one
 */
public record QueryResult(List<Column> schema, List<Map<String, Object>> rows, Metrics metrics, Integer defaultLimit) {

    public record Column(String name, String type) {
    }

    /**
     * @param filesScanned the data files the query read, after pruning
     * @param filesPruned  the data files of the named tables the plan skipped by partition values and statistics
     * @param bytesScanned the size of the files read
     * @param elapsedMillis wall time, planning included
     */
    public record Metrics(long filesScanned, long filesPruned, long bytesScanned, long elapsedMillis) {
    }
}
