package dev.floe.catalog.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file in compaction's work directory, with its footer read once: what compaction checks,
 * measures and copies of it all comes from this one read.
 *
 * <p>The footer is read with a plain Parquet configuration. Parquet's default builds a Hadoop
 * {@code Configuration}, which parses Hadoop's XML defaults anew for every file: some milliseconds
 * each, as long as copying the row groups of a file of a few MB takes.
 */
record LocalParquetFile(Path path, long size, ParquetMetadata footer) {
    private static final ParquetReadOptions OPTIONS = ParquetReadOptions.builder(new PlainParquetConfiguration())
            .build();

    static LocalParquetFile read(Path path) {
        try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInput(path), OPTIONS)) {
            return new LocalParquetFile(path, Files.size(path), reader.getFooter());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Parquet footer of " + path, e);
        }
    }

    /** Its Iceberg metrics, from the footer's statistics, as {@code config} asks. */
    Metrics metrics(MetricsConfig config) {
        return ParquetUtil.footerMetrics(footer, Stream.empty(), config);
    }

    long rows() {
        return footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
    }

    /** A stream over the file, for copying its row groups. */
    SeekableInputStream open() throws IOException {
        return new ChannelInput(path).newStream();
    }

    /**
     * A local file as Parquet reads it, through a file channel, whose stream reads blocks. (Parquet's
     * own {@code LocalInputFile} reads byte by byte where row groups are copied: a thousand times slower.)
     */
    private record ChannelInput(Path path) implements InputFile {
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
