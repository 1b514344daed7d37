package dev.floe.catalog.maintenance;

import dev.floe.engine.SqlLiterals;
import java.util.StringJoiner;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * An Iceberg schema as DuckDB reads and writes its Parquet files. Columns are found by Iceberg field id
 * when reading ({@code read_parquet}'s {@code schema} parameter), so renamed, added and promoted columns
 * read as Iceberg reads them; and written with their field ids ({@code COPY}'s {@code FIELD_IDS}, down
 * to list elements and map keys and values), so that every engine finds them again.
 *
 * <p>Types whose Parquet form DuckDB does not write as Iceberg's spec requires are not supported:
 * {@code fixed} (DuckDB writes a variable-length binary), nanosecond timestamps, and the v3 types
 * {@code variant}, {@code geometry}, {@code geography} and {@code unknown}.
 */
final class DuckDbColumns {
    private DuckDbColumns() {
    }

    /** Why DuckDB cannot rewrite files of this schema faithfully, or {@code null} when it can. */
    static String unsupported(Schema schema) {
        for (Types.NestedField field : schema.columns()) {
            String reason = unsupported(field);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private static String unsupported(Types.NestedField field) {
        if (field.initialDefault() != null) {
            return "column '" + field.name() + "' has an initial default, which files written before it was added "
                    + "must read as";
        }
        Type type = field.type();
        if (type.isNestedType()) {
            for (Types.NestedField child : type.asNestedType().fields()) {
                String reason = unsupported(child);
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }
        return switch (type.typeId()) {
            case FIXED, TIMESTAMP_NANO, VARIANT, GEOMETRY, GEOGRAPHY, UNKNOWN ->
                    "column '" + field.name() + "' is of type " + type + ", which DuckDB does not write as Iceberg "
                            + "requires";
            default -> null;
        };
    }

    /** The {@code FIELD_IDS} option of {@code COPY}, for every column and everything nested in it. */
    static String fieldIds(Schema schema) {
        StringJoiner columns = new StringJoiner(", ", "{", "}");
        for (Types.NestedField field : schema.columns()) {
            columns.add(SqlLiterals.identifier(field.name()) + ": " + fieldId(field));
        }
        return columns.toString();
    }

    private static String fieldId(Types.NestedField field) {
        Type type = field.type();
        if (!type.isNestedType()) {
            return Integer.toString(field.fieldId());
        }
        StringJoiner children = new StringJoiner(", ", "{__duckdb_field_id: " + field.fieldId() + ", ", "}");
        for (Types.NestedField child : type.asNestedType().fields()) {
            // DuckDB names a list's child "element" and a map's "key" and "value", as Parquet does.
            String name = switch (type.typeId()) {
                case LIST -> "element";
                case MAP -> child.fieldId() == type.asMapType().keyId() ? "key" : "value";
                default -> SqlLiterals.identifier(child.name());
            };
            children.add(name + ": " + fieldId(child));
        }
        return children.toString();
    }
}
