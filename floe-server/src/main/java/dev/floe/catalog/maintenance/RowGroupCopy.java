package dev.floe.catalog.maintenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Merges Parquet files of one schema into one file by copying their row groups byte for byte
 * (parquet-mr's {@code appendRowGroups}): nothing is decoded or compressed again, so it runs at the speed of
 * the disk, but the row groups stay as they were. Compaction uses it only where that costs little:
 * when the inputs' row groups hold on average at least half as many rows as DuckDB puts in one
 * (122,880), as the files a floe sink writes do once a roll holds that many, so that the merged file
 * reads about as well as a rewritten one. Small files with small row groups are rewritten by DuckDB.
 */
final class RowGroupCopy {
    /** Half of DuckDB's row group: 122,880 rows. */
    static final long MIN_AVERAGE_ROW_GROUP_ROWS = 61_440;

    private RowGroupCopy() {
    }

    /**
     * Whether the files can be merged this way: one Parquet schema (field ids included) in all, and
     * row groups of at least {@code minAverageRowGroupRows} rows on average.
     */
    static boolean suits(List<LocalParquetFile> files, long minAverageRowGroupRows) {
        MessageType schema = files.getFirst().footer().getFileMetaData().getSchema();
        long rows = 0;
        int rowGroups = 0;
        for (LocalParquetFile file : files) {
            if (!schema.equals(file.footer().getFileMetaData().getSchema())) {
                return false;
            }
            rows += file.rows();
            rowGroups += file.footer().getBlocks().size();
        }
        return rowGroups > 0 && rows / rowGroups >= minAverageRowGroupRows;
    }

    /** Writes {@code output} with every row group of {@code inputs}, in order. */
    static void merge(List<LocalParquetFile> inputs, Path output) throws IOException {
        MessageType schema = inputs.getFirst().footer().getFileMetaData().getSchema();
        ParquetFileWriter writer = new ParquetFileWriter(new LocalOutputFile(output), schema,
                ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
        writer.start();
        for (LocalParquetFile input : inputs) {
            try (SeekableInputStream stream = input.open()) {
                writer.appendRowGroups(stream, input.footer().getBlocks(), false);
            }
        }
        writer.end(Map.of());
    }
}
