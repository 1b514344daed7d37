package dev.floe.sink.iceberg;

import dev.floe.engine.CloudflareTypes;
import dev.floe.engine.IcebergDuckDbTypes;
import dev.floe.engine.SqlLiterals;
import dev.floe.engine.StreamColumns;
import dev.floe.stream.schema.SchemaField;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Iceberg types for what a pipeline writes, by way of Cloudflare's field types (as R2 Data Catalog
 * sinks type their tables), and the DuckDB types that write each Iceberg type's Parquet form.
 *
 * <p>Cloudflare's {@code json} is an Iceberg {@code string}; {@code uint32} a {@code long} and
 * {@code uint64} a {@code decimal(20, 0)}, which hold every value; every timestamp a
 * {@code timestamptz} in microseconds, the unit of Iceberg's v2 format.
 */
final class IcebergTypes {
    private static final int UINT64_DIGITS = 20;

    private IcebergTypes() {
    }

    /** The table schema a new table gets: the pipeline's columns, then {@code __ingest_ts}. */
    static Schema newTableSchema(List<StreamColumns.Column> columns, String ingestTimeColumn) {
        AtomicInteger ids = new AtomicInteger();
        List<Types.NestedField> fields = new ArrayList<>();
        for (StreamColumns.Column column : columns) {
            fields.add(Types.NestedField.optional(ids.incrementAndGet(), column.name(),
                    of(CloudflareTypes.field(column.name(), column.type()), ids)));
        }
        fields.add(Types.NestedField.optional(ids.incrementAndGet(), ingestTimeColumn, Types.TimestampType.withZone()));
        return new Schema(fields);
    }

    /** The Iceberg type of a pipeline column, for checking it against an existing table's. */
    static Type of(StreamColumns.Column column) {
        return of(CloudflareTypes.field(column.name(), column.type()), new AtomicInteger());
    }

    private static Type of(SchemaField field, AtomicInteger ids) {
        return switch (field.type()) {
            case STRING, JSON -> Types.StringType.get();
            case BOOL -> Types.BooleanType.get();
            case INT32 -> Types.IntegerType.get();
            case INT64, UINT32 -> Types.LongType.get();
            case UINT64 -> Types.DecimalType.of(UINT64_DIGITS, 0);
            case FLOAT32 -> Types.FloatType.get();
            case FLOAT64 -> Types.DoubleType.get();
            case DECIMAL128 -> Types.DecimalType.of(field.precision(), field.scale());
            case TIMESTAMP -> Types.TimestampType.withZone();
            case BINARY -> Types.BinaryType.get();
            case LIST -> Types.ListType.ofOptional(ids.incrementAndGet(), of(field.items(), ids));
            case STRUCT -> {
                List<Types.NestedField> members = new ArrayList<>();
                for (SchemaField member : field.fields()) {
                    int id = ids.incrementAndGet();
                    members.add(Types.NestedField.optional(id, member.name(), of(member, ids)));
                }
                yield Types.StructType.of(members);
            }
        };
    }

    /** The DuckDB type whose Parquet form Iceberg reads as {@code type}. */
    static String duckDbType(Type type) {
        return IcebergDuckDbTypes.of(type).orElseThrow(() -> new IllegalArgumentException("floe cannot write Iceberg type " + type));
    }

    /**
     * DuckDB's {@code FIELD_IDS} value for a field: its id, or for a nested one its id and its
     * children's ({@code {__duckdb_field_id: 3, a: 4}}; a list's element is {@code element}, a map's
     * parts {@code key} and {@code value}).
     */
    static String fieldIds(Types.NestedField field) {
        Type type = field.type();
        if (type.isPrimitiveType()) {
            return String.valueOf(field.fieldId());
        }
        List<String> children = new ArrayList<>();
        children.add("__duckdb_field_id: " + field.fieldId());
        for (Types.NestedField child : type.asNestedType().fields()) {
            String name = switch (type.typeId()) {
                case LIST -> "element";
                case MAP -> child.fieldId() == type.asMapType().keyId() ? "key" : "value";
                default -> child.name();
            };
            children.add(SqlLiterals.identifier(name) + ": " + fieldIds(child));
        }
        return "{" + String.join(", ", children) + "}";
    }
}
