package dev.floe.engine;

import dev.floe.stream.schema.SchemaField;
import java.util.StringJoiner;

/**
 * The DuckDB type of each stream field type.
 *
 * <p>A {@code timestamp} is a {@code TIMESTAMP WITH TIME ZONE}: its values are instants, and this is
 * the DuckDB type that says so. Parquet writes it as an instant ({@code isAdjustedToUTC}), and an
 * Iceberg table gets a {@code timestamptz} column, so readers elsewhere see the same instant; a plain
 * {@code TIMESTAMP} would be written as a wall-clock time. Every engine session runs in UTC, so
 * {@code date_trunc}, {@code extract} and {@code to_char} work in UTC as Cloudflare's do. DuckDB keeps
 * microseconds: a nanosecond timestamp loses its last three digits.
 */
public final class DuckDbTypes {
    private DuckDbTypes() {}

    /** The column type of values of this field. */
    public static String of(SchemaField field) {
        return switch (field.type()) {
            case STRING -> "VARCHAR";
            case BOOL -> "BOOLEAN";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case UINT32 -> "UINTEGER";
            case UINT64 -> "UBIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case DECIMAL128 -> "DECIMAL(" + field.precision() + "," + field.scale() + ")";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
            case JSON -> "JSON";
            case BINARY -> "BLOB";
            case LIST -> of(field.items()) + "[]";
            case STRUCT -> {
                StringJoiner members = new StringJoiner(", ", "STRUCT(", ")");
                for (SchemaField member : field.fields()) {
                    members.add(SqlLiterals.identifier(columnName(member)) + " " + of(member));
                }
                yield members.toString();
            }
        };
    }

    /** The name SQL sees a field by: its {@code sql_name} when it has one, else its name. */
    public static String columnName(SchemaField field) {
        return field.sqlName() != null ? field.sqlName() : field.name();
    }
}
