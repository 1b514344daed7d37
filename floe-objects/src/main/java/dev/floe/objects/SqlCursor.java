package dev.floe.objects;

import java.util.List;
import java.util.Map;

/**
 * The result of {@link SqlStorage#exec}: the rows a statement returned, read whole when it ran. Values
 * are {@code Long} (SQLite integers), {@code Double}, {@code String}, {@code byte[]} or null.
 */
public interface SqlCursor extends Iterable<Map<String, Object>> {

    /** Every row, each a map from column name to value in column order. */
    List<Map<String, Object>> toArray();

    /**
     * The one row.
     *
     * @throws dev.floe.error.FloeException {@code INVALID_REQUEST} when there are no rows or several
     */
    Map<String, Object> one();

    /** Every row as its values in column order. */
    List<Object[]> raw();

    List<String> columnNames();

    /** How many rows the statement returned. */
    long rowsRead();

    /** How many rows the statement inserted, updated or deleted (including those of triggers). */
    long rowsWritten();
}
