package dev.floe.catalog.maintenance;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file in compaction's work directory, with its footer read once: what compaction checks,
 * measures and copies of it all comes from this one read.
 *
 * <p>The footer is read straight from the end of the file, not through Parquet's file reader, whose
 * default options build a Hadoop {@code Configuration} that parses Hadoop's XML defaults anew for
 * every file: some milliseconds each, as long as copying the row groups of a file of a few MB takes.
 *
 * @param path   where it is
 * @param size   its length in bytes
 * @param raw    its footer as written (Parquet's Thrift structure), which a row-group copy rewrites
 * @param footer the same footer as Parquet's and Iceberg's readers take it
 */
record LocalParquetFile(Path path, long size, FileMetaData raw, ParquetMetadata footer) {
    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter(
            ParquetReadOptions.builder(new PlainParquetConfiguration()).build());

    static LocalParquetFile read(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer tail = readFully(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            int length = tail.getInt(0);
            if (size < 12 || !tail.slice(4, 4).equals(ByteBuffer.wrap(MAGIC)) || length <= 0 || length > size - 12) {
                throw new IOException("not a Parquet file with a plain footer");
            }
            FileMetaData raw = Util.readFileMetaData(new ByteArrayInputStream(
                    readFully(channel, size - 8 - length, length).array()));
            return new LocalParquetFile(path, size, raw, CONVERTER.fromParquetMetadata(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Parquet footer of " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code length} bytes of the file from {@code position}. */
    static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        if (position < 0) {
            throw new EOFException("the file is too short");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the file ends early");
            }
        }
        return buffer.flip();
    }

    MessageType schema() {
        return footer.getFileMetaData().getSchema();
    }

    /** Its Iceberg metrics, from the footer's statistics, as {@code config} asks. */
    Metrics metrics(MetricsConfig config) {
        return ParquetUtil.footerMetrics(footer, Stream.empty(), config);
    }
}
