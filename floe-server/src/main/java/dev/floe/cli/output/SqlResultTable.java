package dev.floe.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.client.SqlResult;
import java.io.PrintWriter;

/** A query's answer as people read it: an aligned table of its rows. */
public final class SqlResultTable {
    private SqlResultTable() {
    }

    public static void print(PrintWriter out, SqlResult result) {
        TablePrinter table = new TablePrinter(result.columns().stream().map(SqlResult.Column::name).toArray(String[]::new));
        for (JsonNode row : result.rows()) {
            table.addRow(result.columns().stream().map(column -> text(row.get(column.name()))).toArray(String[]::new));
        }
        table.print(out, 0);
    }

    /** A value as people read it: text without quotes, null as NULL, nested values as JSON. */
    public static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "NULL";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
