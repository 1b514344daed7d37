package dev.floe.catalog.maintenance;

import dev.floe.catalog.LocalFileUpload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;

/**
 * The new files of one group of a compaction: each checked against the files it was written from,
 * put under the table's data location (moved into a local bucket, fsynced, or uploaded to S3) and
 * kept for the commit. Merges add their files as each finishes, on their own threads, so that one
 * file goes into the bucket while the next is still being merged.
 */
final class GroupOutputs {
    private final Table table;
    private final PartitionSpec spec;
    private final StructLike partition;
    private final MetricsConfig metricsConfig;
    private final List<DataFile> written = Collections.synchronizedList(new ArrayList<>());

    /** For the group of {@code member}'s partition. */
    GroupOutputs(Table table, DataFile member) {
        this.table = table;
        this.spec = table.specs().get(member.specId());
        this.partition = member.partition();
        this.metricsConfig = MetricsConfig.forTable(table);
    }

    /**
     * Puts {@code outputs} into the table once their rows are checked against those of {@code inputs}
     * ({@link Compaction#checkSameRows}); nothing of them goes in when the check fails.
     */
    void add(List<LocalParquetFile> inputs, List<Path> outputs) throws IOException {
        List<LocalParquetFile> files = outputs.stream().map(LocalParquetFile::read).toList();
        List<Metrics> metrics = files.stream().map(file -> file.metrics(metricsConfig)).toList();
        Compaction.checkSameRows(table.name(), table.schema(),
                inputs.stream().map(file -> file.metrics(metricsConfig)).toList(), metrics);
        for (int i = 0; i < files.size(); i++) {
            written.add(upload(files.get(i), metrics.get(i)));
        }
    }

    /** The files put into the table so far. */
    List<DataFile> written() {
        return List.copyOf(written);
    }

    private DataFile upload(LocalParquetFile file, Metrics metrics) throws IOException {
        String name = Compaction.FILE_PREFIX + UUID.randomUUID() + ".parquet";
        String location = spec.isUnpartitioned() ? table.locationProvider().newDataLocation(name)
                : table.locationProvider().newDataLocation(spec, partition, name);
        if (table.io() instanceof LocalFileUpload files) {
            files.upload(file.path(), location);
        } else {
            try (OutputStream stream = table.io().newOutputFile(location).create()) {
                Files.copy(file.path(), stream);
            }
        }
        return DataFiles.builder(spec)
                .withPath(location)
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(file.size())
                .withPartition(partition)
                .withMetrics(metrics)
                .build();
    }
}
