package dev.floe.objects.internal.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.objects.SqlCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A statement's rows, read whole. */
final class ResultCursor implements SqlCursor {
    private final List<String> columnNames;
    private final List<Object[]> rows;
    private final long rowsWritten;

    ResultCursor(List<String> columnNames, List<Object[]> rows, long rowsWritten) {
        this.columnNames = List.copyOf(columnNames);
        this.rows = Collections.unmodifiableList(rows);
        this.rowsWritten = rowsWritten;
    }

    @Override
    public List<Map<String, Object>> toArray() {
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        rows.forEach(row -> maps.add(map(row)));
        return maps;
    }

    @Override
    public Map<String, Object> one() {
        if (rows.size() != 1) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "expected exactly one row, the query returned "
                    + rows.size() + ": use toArray() for any number of rows");
        }
        return map(rows.getFirst());
    }

    @Override
    public List<Object[]> raw() {
        return rows;
    }

    @Override
    public List<String> columnNames() {
        return columnNames;
    }

    @Override
    public long rowsRead() {
        return rows.size();
    }

    @Override
    public long rowsWritten() {
        return rowsWritten;
    }

    @Override
    public Iterator<Map<String, Object>> iterator() {
        return toArray().iterator();
    }

    private Map<String, Object> map(Object[] row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            map.put(columnNames.get(i), row[i]);
        }
        return Collections.unmodifiableMap(map);
    }
}
