package dev.floe.objects.internal.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Captures the row changes of a class's declared tables with temporary triggers (made at every open,
 * after the migrations, so they always see the table's current columns): each inserted, updated or
 * deleted row becomes a row of {@code _floe_changes} with key {@code <table>/<primary key>} and the
 * row as a JSON object, which the commit turns into state changes.
 */
public final class CaptureTriggers {
    private CaptureTriggers() {
    }

    public static void install(ObjectDatabase db, Set<String> tables) {
        for (String table : tables) {
            List<String> columns = new ArrayList<>();
            List<String> keyColumns = new ArrayList<>();
            readColumns(db, table, columns, keyColumns);
            if (columns.isEmpty()) {
                throw new FloeException(ErrorCode.INVALID_REQUEST, "the captured table " + table + " does not exist in "
                        + db.file().getFileName() + ": create it in one of the class's migrations");
            }
            String newRow = "json_object(" + columns.stream().map(c -> "'" + c + "', NEW.\"" + c + "\"")
                    .collect(Collectors.joining(", ")) + ")";
            String newKey = key(table, keyColumns, "NEW");
            String oldKey = key(table, keyColumns, "OLD");
            String insert = "INSERT INTO _floe_changes (key, value, op) ";
            db.execute("DROP TRIGGER IF EXISTS temp._floe_capture_" + table + "_insert;"
                    + "DROP TRIGGER IF EXISTS temp._floe_capture_" + table + "_update;"
                    + "DROP TRIGGER IF EXISTS temp._floe_capture_" + table + "_delete;"
                    + "CREATE TEMP TRIGGER _floe_capture_" + table + "_insert AFTER INSERT ON main.\"" + table + "\" BEGIN "
                    + insert + "VALUES (" + newKey + ", " + newRow + ", 'PUT'); END;"
                    + "CREATE TEMP TRIGGER _floe_capture_" + table + "_update AFTER UPDATE ON main.\"" + table + "\" BEGIN "
                    + insert + "SELECT " + oldKey + ", NULL, 'DELETE' WHERE " + oldKey + " IS NOT " + newKey + "; "
                    + insert + "VALUES (" + newKey + ", " + newRow + ", 'PUT'); END;"
                    + "CREATE TEMP TRIGGER _floe_capture_" + table + "_delete AFTER DELETE ON main.\"" + table + "\" BEGIN "
                    + insert + "VALUES (" + oldKey + ", NULL, 'DELETE'); END;");
        }
    }

    private static void readColumns(ObjectDatabase db, String table, List<String> columns, List<String> keyColumns) {
        String sql = "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid";
        try {
            PreparedStatement statement = db.prepare(sql);
            ObjectDatabase.bind(statement, table);
            List<String[]> keyed = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                    if (rows.getInt(2) > 0) {
                        keyed.add(new String[] {rows.getString(1), Integer.toString(rows.getInt(2))});
                    }
                }
            }
            keyed.sort((a, b) -> Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1])));
            keyed.forEach(column -> keyColumns.add(column[0]));
        } catch (SQLException e) {
            throw db.failure(sql, e);
        }
    }

    /** {@code '<table>/' || row.k1 || '/' || row.k2}, or the rowid for a table without a declared key. */
    private static String key(String table, List<String> keyColumns, String row) {
        if (keyColumns.isEmpty()) {
            return "'" + table + "/' || " + row + ".rowid";
        }
        return "'" + table + "/' || " + keyColumns.stream().map(c -> row + ".\"" + c + "\"")
                .collect(Collectors.joining(" || '/' || "));
    }
}
