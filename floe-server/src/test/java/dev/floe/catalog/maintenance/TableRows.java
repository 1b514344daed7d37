package dev.floe.catalog.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Rows of a table with a column of every type compaction rewrites, partitioned by day as floe's Iceberg
 * sink partitions, and the means to compare a table's rows before and after maintenance. (A catalog
 * assigns a new table's field ids afresh, so columns are found by name.)
 */
final class TableRows {
    static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.required(2, "ts", Types.TimestampType.withZone()),
            Types.NestedField.optional(3, "name", Types.StringType.get()),
            Types.NestedField.optional(4, "amount", Types.DecimalType.of(12, 2)),
            Types.NestedField.optional(5, "tags", Types.ListType.ofOptional(6, Types.StringType.get())),
            Types.NestedField.optional(7, "attributes", Types.MapType.ofOptional(8, 9, Types.StringType.get(),
                    Types.LongType.get())),
            Types.NestedField.optional(10, "point", Types.StructType.of(
                    Types.NestedField.optional(11, "x", Types.DoubleType.get()),
                    Types.NestedField.optional(12, "y", Types.DoubleType.get()))),
            Types.NestedField.optional(13, "day", Types.DateType.get()),
            Types.NestedField.optional(14, "uid", Types.UUIDType.get()),
            Types.NestedField.optional(15, "flag", Types.BooleanType.get()),
            Types.NestedField.optional(16, "ratio", Types.FloatType.get()),
            Types.NestedField.optional(17, "count", Types.IntegerType.get()),
            Types.NestedField.optional(18, "at", Types.TimeType.get()),
            Types.NestedField.optional(19, "payload", Types.BinaryType.get()),
            Types.NestedField.optional(20, "local", Types.TimestampType.withoutZone()));
    static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).day("ts").build();

    private TableRows() {
    }

    /**
     * {@code count} random rows of the table's current schema on one day, ids from {@code firstId}.
     * Columns the table has beyond {@link #SCHEMA} (added later) get text.
     */
    static List<Record> random(Table table, Random random, LocalDate day, long firstId, int count) {
        Schema schema = table.schema();
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Record row = GenericRecord.create(schema);
            for (Types.NestedField field : schema.columns()) {
                row.setField(field.name(), value(field, random, day, firstId + i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object value(Types.NestedField field, Random random, LocalDate day, long id) {
        if (field.isOptional() && random.nextInt(10) == 0) {
            return null;
        }
        return switch (field.name()) {
            case "id" -> id;
            case "ts" -> OffsetDateTime.of(day.atStartOfDay(), ZoneOffset.UTC).plusNanos(random.nextLong(86_400_000_000L) * 1000);
            case "name", "label" -> "name-" + random.nextInt(1000);
            case "amount" -> BigDecimal.valueOf(random.nextLong(10_000_000_000L), 2);
            case "tags" -> List.of("t" + random.nextInt(5), "u" + random.nextInt(5));
            case "attributes" -> Map.of("k" + random.nextInt(3), random.nextLong());
            case "point" -> {
                Record point = GenericRecord.create(field.type().asStructType());
                point.setField("x", random.nextDouble());
                point.setField("y", random.nextDouble());
                yield point;
            }
            case "day" -> day.minusDays(random.nextInt(400));
            case "uid" -> new UUID(random.nextLong(), random.nextLong());
            case "flag" -> random.nextBoolean();
            case "ratio" -> random.nextFloat();
            case "count" -> random.nextInt();
            case "at" -> LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000);
            case "payload" -> ByteBuffer.wrap(new byte[] {(byte) random.nextInt(), (byte) random.nextInt(), 7});
            case "local" -> day.atStartOfDay().plusSeconds(random.nextInt(86_400));
            default -> "added-" + id;
        };
    }

    /** Every row of the table's current snapshot, each written out whole, sorted. */
    static List<String> read(Table table) {
        table.refresh();
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(record -> rows.add(describe(record)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(null);
        return rows;
    }

    /** Every data file of the table's current snapshot, with their column statistics. */
    static List<DataFile> files(Table table) {
        table.refresh();
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats().planFiles()) {
            tasks.forEach(task -> files.add(task.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String describe(Record record) {
        StringJoiner fields = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < record.size(); i++) {
            Object value = record.get(i);
            fields.add(record.struct().fields().get(i).name() + "=" + (value instanceof ByteBuffer bytes
                    ? HexFormat.of().formatHex(bytes.array(), bytes.arrayOffset() + bytes.position(),
                    bytes.arrayOffset() + bytes.limit()) : value));
        }
        return fields.toString();
    }
}
