package dev.floe.bench;

import dev.floe.catalog.LocalFileIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Types;

/**
 * The table of events the table benchmarks fill: the ingest benchmark's events once typed (eight
 * columns: a UUID string, short strings, a URL, a long, a double, a timestamp, a JSON string),
 * partitioned by the day of {@code ts}, whose files DuckDB writes and which are then put in place.
 */
final class EventTable {
    static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "event_id", Types.StringType.get()),
            Types.NestedField.optional(2, "ns", Types.StringType.get()),
            Types.NestedField.optional(3, "verb", Types.StringType.get()),
            Types.NestedField.optional(4, "source", Types.StringType.get()),
            Types.NestedField.optional(5, "object_seq", Types.LongType.get()),
            Types.NestedField.optional(6, "amount", Types.DoubleType.get()),
            Types.NestedField.required(7, "ts", Types.TimestampType.withZone()),
            Types.NestedField.optional(8, "data", Types.StringType.get()));
    static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).day("ts").build();

    private EventTable() {
    }

    /** DuckDB's {@code FIELD_IDS} option for the schema: engines find columns by these ids. */
    static String fieldIds() {
        StringJoiner fieldIds = new StringJoiner(", ", "{", "}");
        SCHEMA.columns().forEach(field -> fieldIds.add(field.name() + ": " + field.fieldId()));
        return fieldIds.toString();
    }

    /** Moves a written file of one day into the table's data folder and describes it, with its metrics, for an append. */
    static DataFile place(Table table, Path file, LocalDate day) {
        String partitionPath = "ts_day=" + day;
        String location = table.location() + "/data/" + partitionPath + "/" + day + "-" + file.getFileName();
        Path target = LocalFileIO.path(location);
        try {
            Files.createDirectories(target.getParent());
            Files.move(file, target);
            return DataFiles.builder(table.spec())
                    .withPath(location)
                    .withFormat(FileFormat.PARQUET)
                    .withPartitionPath(partitionPath)
                    .withFileSizeInBytes(Files.size(target))
                    .withMetrics(ParquetUtil.fileMetrics(org.apache.iceberg.Files.localInput(target.toFile()),
                            MetricsConfig.forTable(table)))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
