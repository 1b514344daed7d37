package dev.floe.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers kept by the SQL that produced them after planning. That SQL names every data file the
 * query reads (the snapshot's files after pruning), and data files are never rewritten, so the same
 * text reads the same data: a new snapshot that adds or removes a file the query would read changes
 * the text, and the cached answer is simply no longer found. The least recently used go first.
 */
final class ResultCache {
    private static final int MAX_ENTRIES = 256;
    /** A larger answer costs more memory to keep than it saves to recompute. */
    private static final int MAX_ROWS = 10_000;

    private final Map<String, QueryResult> answers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QueryResult> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The cached answer to the planned query, or {@code run}'s, kept when small enough. */
    QueryResult answer(QuerySandbox planned, Supplier<QueryResult> run) {
        QueryResult cached;
        synchronized (answers) {
            cached = answers.get(planned.sql());
        }
        if (cached != null) {
            return cached.fromCache(planned.elapsedMillis());
        }
        QueryResult result = run.get();
        if (result.rows().size() <= MAX_ROWS) {
            synchronized (answers) {
                answers.put(planned.sql(), result);
            }
        }
        return result;
    }
}
