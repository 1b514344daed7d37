package dev.floe.catalog.maintenance;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Merges Parquet files of one schema into one file by copying their row groups byte for byte
 * (parquet-mr's {@code appendFile}): nothing is decoded or compressed again, so it runs at the speed of
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
    static boolean suits(List<Path> files, long minAverageRowGroupRows) throws IOException {
        MessageType schema = null;
        long rows = 0;
        int rowGroups = 0;
        for (Path file : files) {
            ParquetMetadata footer = footer(file);
            MessageType fileSchema = footer.getFileMetaData().getSchema();
            if (schema != null && !schema.equals(fileSchema)) {
                return false;
            }
            schema = fileSchema;
            for (BlockMetaData rowGroup : footer.getBlocks()) {
                rows += rowGroup.getRowCount();
                rowGroups++;
            }
        }
        return rowGroups > 0 && rows / rowGroups >= minAverageRowGroupRows;
    }

    /** Writes {@code output} with every row group of {@code inputs}, in order. */
    static void merge(List<Path> inputs, Path output) throws IOException {
        MessageType schema = footer(inputs.getFirst()).getFileMetaData().getSchema();
        ParquetFileWriter writer = new ParquetFileWriter(new LocalOutputFile(output), schema,
                ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
        writer.start();
        for (Path input : inputs) {
            writer.appendFile(new LocalFile(input));
        }
        writer.end(Map.of());
    }

    private static ParquetMetadata footer(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalFile(file))) {
            return reader.getFooter();
        }
    }

    /**
     * A local file as Parquet reads it, through a file channel, whose stream reads blocks. (Parquet's
     * own {@code LocalInputFile} reads byte by byte where row groups are copied: a thousand times slower.)
     */
    private record LocalFile(Path path) implements InputFile {
        @Override
        public long getLength() throws IOException {
            return Files.size(path);
        }

        @Override
        public SeekableInputStream newStream() throws IOException {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
                @Override
                public long getPos() throws IOException {
                    return channel.position();
                }

                @Override
                public void seek(long position) throws IOException {
                    channel.position(position);
                }
            };
        }
    }
}
