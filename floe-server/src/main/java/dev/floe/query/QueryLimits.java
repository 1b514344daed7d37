package dev.floe.query;

import java.time.Duration;

/**
 * What queries may take, each and together. A query past its time or memory is stopped with an
 * error; past {@code maxConcurrent} queries running, a new one is refused at once rather than queued,
 * so that a burst of heavy queries cannot hold the server's memory.
 *
 * @param timeout          how long a query may run, planning included
 * @param memoryLimitBytes the memory its DuckDB may hold; it does not spill, so past this it fails
 * @param threads          DuckDB worker threads per query
 * @param maxConcurrent    queries running at once
 * @param cacheBytes       the disk the copies of S3-backed buckets' data files may take (files that running
 *                         queries read are kept even past it)
 */
public record QueryLimits(Duration timeout, long memoryLimitBytes, int threads, int maxConcurrent, long cacheBytes) {

    public QueryLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (memoryLimitBytes < 1 || threads < 1 || maxConcurrent < 1 || cacheBytes < 0) {
            throw new IllegalArgumentException("memory, threads and concurrency must be positive, the cache not negative");
        }
    }
}
