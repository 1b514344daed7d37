package dev.floe.sink.iceberg;

import dev.floe.engine.SqlLiterals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.expressions.Literal;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.BinaryUtil;
import org.apache.iceberg.util.UnicodeUtil;

/**
 * The Iceberg metrics of a data file, measured with DuckDB over the rows written and the file's
 * footer: per column its size, value, null and NaN counts, and lower and upper bounds (strings and
 * binaries truncated to 16 bytes as Iceberg's default metrics mode does, the upper bound rounded up),
 * so that engines prune files by them. Nested columns get none: engines prune by top-level values.
 */
final class FileMetrics {
    private static final int TRUNCATE_LENGTH = 16;

    private final List<Types.NestedField> fields;

    /** @param fields the top-level fields written, in the order of the rows' columns */
    FileMetrics(List<Types.NestedField> fields) {
        this.fields = List.copyOf(fields);
    }

    record Measured(Metrics metrics, long rowGroups) {}

    /**
     * @param rows  the SELECT that produced the file's rows
     * @param local the file, inside DuckDB's work directory
     */
    Measured measure(Connection connection, String rows, Path local) throws SQLException {
        Map<Integer, Long> valueCounts = new HashMap<>();
        Map<Integer, Long> nullCounts = new HashMap<>();
        Map<Integer, Long> nanCounts = new HashMap<>();
        Map<Integer, ByteBuffer> lowerBounds = new HashMap<>();
        Map<Integer, ByteBuffer> upperBounds = new HashMap<>();
        long recordCount;
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(boundsQuery(rows))) {
            result.next();
            recordCount = result.getLong(1);
            int column = 2;
            for (Types.NestedField field : fields) {
                if (!field.type().isPrimitiveType()) {
                    continue;
                }
                long nonNull = result.getLong(column);
                valueCounts.put(field.fieldId(), recordCount);
                nullCounts.put(field.fieldId(), recordCount - nonNull);
                if (floating(field.type())) {
                    nanCounts.put(field.fieldId(), result.getLong(column + 3));
                }
                putBound(lowerBounds, field, result.getObject(column + 1), false);
                putBound(upperBounds, field, result.getObject(column + 2), true);
                column += 4;
            }
        }
        Map<Integer, Long> columnSizes = new HashMap<>();
        long rowGroups = footer(connection, local, columnSizes);
        return new Measured(new Metrics(recordCount, columnSizes, valueCounts, nullCounts, nanCounts, lowerBounds,
                upperBounds), rowGroups);
    }

    /** One row: the count, then per primitive column its non-null count, lower, upper and NaN count. */
    private String boundsQuery(String rows) {
        List<String> aggregates = new ArrayList<>(List.of("count(*)"));
        for (Types.NestedField field : fields) {
            if (!field.type().isPrimitiveType()) {
                continue;
            }
            String column = SqlLiterals.identifier(field.name());
            String notNan = floating(field.type()) ? " FILTER (WHERE NOT isnan(" + column + "))" : "";
            aggregates.add("count(" + column + ")");
            aggregates.add(boundForm(field.type(), "min(" + column + ")" + notNan));
            aggregates.add(boundForm(field.type(), "max(" + column + ")" + notNan));
            aggregates.add(floating(field.type()) ? "count(*) FILTER (WHERE isnan(" + column + "))" : "0");
        }
        return "SELECT " + String.join(", ", aggregates) + " FROM (" + rows + ")";
    }

    /** Timestamps as Iceberg's microseconds since the epoch; everything else as JDBC reads it. */
    private static String boundForm(Type type, String aggregate) {
        return type.typeId() == Type.TypeID.TIMESTAMP ? "epoch_us(" + aggregate + ")" : aggregate;
    }

    private static boolean floating(Type type) {
        return type.typeId() == Type.TypeID.FLOAT || type.typeId() == Type.TypeID.DOUBLE;
    }

    private static void putBound(Map<Integer, ByteBuffer> bounds, Types.NestedField field, Object value, boolean upper) {
        if (value == null) {
            return;
        }
        Type type = field.type();
        ByteBuffer bound = switch (type.typeId()) {
            case STRING -> {
                Literal<CharSequence> text = upper
                        ? UnicodeUtil.truncateStringMax(Literal.of(value.toString()), TRUNCATE_LENGTH)
                        : UnicodeUtil.truncateStringMin(Literal.of(value.toString()), TRUNCATE_LENGTH);
                yield text == null ? null : Conversions.toByteBuffer(type, text.value());
            }
            case BINARY -> {
                Literal<ByteBuffer> bytes = upper
                        ? BinaryUtil.truncateBinaryMax(Literal.of(ByteBuffer.wrap((byte[]) value)), TRUNCATE_LENGTH)
                        : BinaryUtil.truncateBinaryMin(Literal.of(ByteBuffer.wrap((byte[]) value)), TRUNCATE_LENGTH);
                yield bytes == null ? null : Conversions.toByteBuffer(type, bytes.value());
            }
            case INTEGER -> Conversions.toByteBuffer(type, ((Number) value).intValue());
            case LONG, TIMESTAMP -> Conversions.toByteBuffer(type, ((Number) value).longValue());
            case FLOAT -> Conversions.toByteBuffer(type, ((Number) value).floatValue());
            case DOUBLE -> Conversions.toByteBuffer(type, ((Number) value).doubleValue());
            case BOOLEAN -> Conversions.toByteBuffer(type, value);
            case DECIMAL -> Conversions.toByteBuffer(type,
                    ((BigDecimal) value).setScale(((Types.DecimalType) type).scale(), RoundingMode.UNNECESSARY));
            default -> null;
        };
        if (bound != null) {
            bounds.put(field.fieldId(), bound);
        }
    }

    /**
     * Reads from the footer the size of every top-level primitive column's chunks.
     *
     * @return the number of row groups
     */
    private long footer(Connection connection, Path local, Map<Integer, Long> columnSizes) throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        fields.stream().filter(field -> field.type().isPrimitiveType()).forEach(field -> ids.put(field.name(), field.fieldId()));
        String metadata = "parquet_metadata(" + SqlLiterals.string(local.toString()) + ")";
        try (Statement statement = connection.createStatement()) {
            try (ResultSet sizes = statement.executeQuery("SELECT path_in_schema, sum(total_compressed_size) FROM " + metadata
                    + " GROUP BY 1")) {
                while (sizes.next()) {
                    Integer id = ids.get(sizes.getString(1));
                    if (id != null) {
                        columnSizes.put(id, sizes.getLong(2));
                    }
                }
            }
            try (ResultSet groups = statement.executeQuery("SELECT count(DISTINCT row_group_id) FROM " + metadata)) {
                groups.next();
                return groups.getLong(1);
            }
        }
    }
}
