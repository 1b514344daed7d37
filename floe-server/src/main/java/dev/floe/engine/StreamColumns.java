package dev.floe.engine;

import dev.floe.stream.schema.StreamSchema;
import java.util.List;
import java.util.StringJoiner;

/** The columns a stream's records have in DuckDB, without the hidden ones. */
public final class StreamColumns {
    /** The one column of an unstructured stream: each record whole. */
    public static final String UNSTRUCTURED_VALUE = "value";

    private StreamColumns() {}

    /** A column: its name as SQL sees it, and its DuckDB type. */
    public record Column(String name, String type) {}

    /** The columns of a stream with this schema; {@code null} stands for an unstructured stream. */
    public static List<Column> of(StreamSchema schema) {
        if (schema == null) {
            return List.of(new Column(UNSTRUCTURED_VALUE, "JSON"));
        }
        return schema.fields().stream()
                .map(field -> new Column(DuckDbTypes.columnName(field), DuckDbTypes.of(field)))
                .toList();
    }

    /** A column list for {@code CREATE TABLE}: {@code ("a" VARCHAR, "b" BIGINT)}. */
    public static String definitions(List<Column> columns) {
        StringJoiner definitions = new StringJoiner(", ", "(", ")");
        for (Column column : columns) {
            definitions.add(SqlLiterals.identifier(column.name()) + " " + column.type());
        }
        return definitions.toString();
    }
}
