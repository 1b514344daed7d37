package dev.floe.engine;

import java.util.Optional;
import java.util.StringJoiner;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * How DuckDB sees an Iceberg table's columns: the DuckDB type whose Parquet form Iceberg reads as each
 * Iceberg type, and {@code read_parquet}'s {@code schema} argument, which finds columns by field id.
 */
public final class IcebergDuckDbTypes {
    private IcebergDuckDbTypes() {}

    /** The DuckDB type of an Iceberg type, or empty for one DuckDB has no counterpart of (variant, geometry…). */
    public static Optional<String> of(Type type) {
        return Optional.ofNullable(orNull(type));
    }

    /** The DuckDB type a column of this Iceberg type is read as: text for one DuckDB has no counterpart of. */
    public static String readType(Type type) {
        return of(type).orElse("VARCHAR");
    }

    /**
     * The {@code schema} argument of {@code read_parquet}: every top-level column by field id, with
     * its current name and {@link #readType}, NULL where a file lacks it.
     */
    public static String readSchema(Schema schema) {
        StringJoiner entries = new StringJoiner(", ", "MAP {", "}");
        for (Types.NestedField field : schema.columns()) {
            entries.add(field.fieldId() + ": {name: " + SqlLiterals.string(field.name()) + ", type: "
                    + SqlLiterals.string(readType(field.type())) + ", default_value: NULL}");
        }
        return entries.toString();
    }

    private static String orNull(Type type) {
        return switch (type.typeId()) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
            case TIMESTAMP_NANO -> ((Types.TimestampNanoType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
            case STRING -> "VARCHAR";
            case UUID -> "UUID";
            case FIXED, BINARY -> "BLOB";
            case DECIMAL -> "DECIMAL(" + ((Types.DecimalType) type).precision() + ", "
                    + ((Types.DecimalType) type).scale() + ")";
            case STRUCT -> {
                StringJoiner members = new StringJoiner(", ", "STRUCT(", ")");
                for (Types.NestedField member : type.asStructType().fields()) {
                    String memberType = orNull(member.type());
                    if (memberType == null) {
                        yield null;
                    }
                    members.add(SqlLiterals.identifier(member.name()) + " " + memberType);
                }
                yield members.toString();
            }
            case LIST -> {
                String element = orNull(type.asListType().elementType());
                yield element == null ? null : element + "[]";
            }
            case MAP -> {
                String key = orNull(type.asMapType().keyType());
                String value = orNull(type.asMapType().valueType());
                yield key == null || value == null ? null : "MAP(" + key + ", " + value + ")";
            }
            default -> null;
        };
    }
}
