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

    /** This answer served again from the cache, with the time it took this time. */
    QueryResult fromCache(long elapsedMillis) {
        return new QueryResult(schema, rows, new Metrics(metrics.filesScanned(), metrics.filesPruned(),
                metrics.filesPrunedByBloomFilters(), metrics.bytesScanned(), metrics.rowGroupsScanned(),
                metrics.rowGroupsSkipped(), elapsedMillis, true), defaultLimit);
    }

    public record Column(String name, String type) {
    }

    /**
     * @param filesScanned the data files the query read, after pruning
     * @param filesPruned  the data files of the named tables the plan skipped: by partition values and
     *                     statistics, or by bloom filters
     * @param filesPrunedByBloomFilters those of them skipped because their bloom filters rule out every
     *                     value the query requires a column to equal
     * @param bytesScanned the size of the files read
     * @param rowGroupsScanned the row groups of those files that were read (as when the answer was
     *                     first computed, for a cached one)
     * @param rowGroupsSkipped the row groups of those files skipped by their min/max statistics and
     *                     bloom filters
     * @param elapsedMillis wall time, planning included
     * @param cached       whether the answer came from the result cache (the files were planned, not read)
     */
    public record Metrics(long filesScanned, long filesPruned, long filesPrunedByBloomFilters, long bytesScanned,
            long rowGroupsScanned, long rowGroupsSkipped, long elapsedMillis, boolean cached) {
    }
}
