package dev.floe.catalog.maintenance;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.RowGroup;

/**
 * One row group of a file being merged page by page, its column chunks read into memory at once.
 *
 * @param bytes the file's bytes from the row group's first column chunk to the end of its last
 * @param start where in the file {@code bytes} begin
 * @param file  the file
 * @param index which of its row groups it is
 */
record InputRowGroup(byte[] bytes, long start, LocalParquetFile file, int index) {

    static InputRowGroup read(LocalParquetFile file, int index) throws IOException {
        long start = Long.MAX_VALUE;
        long end = 0;
        for (ColumnChunk chunk : file.raw().getRow_groups().get(index).getColumns()) {
            long chunkStart = RowGroupCopy.chunkStart(chunk.getMeta_data());
            start = Math.min(start, chunkStart);
            end = Math.max(end, chunkStart + chunk.getMeta_data().getTotal_compressed_size());
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(end - start));
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, start + bytes.position()) < 0) {
                    throw new EOFException("a row group of " + file.path() + " ends past the end of the file");
                }
            }
        }
        return new InputRowGroup(bytes.array(), start, file, index);
    }

    RowGroup rowGroup() {
        return file.raw().getRow_groups().get(index);
    }

    ColumnChunk chunk(int column) {
        return rowGroup().getColumns().get(column);
    }

    /** Where the column's chunk begins in {@link #bytes}. */
    int chunkOffset(int column) {
        return (int) (RowGroupCopy.chunkStart(chunk(column).getMeta_data()) - start);
    }

    /** The column chunk's statistics as parquet-java reads them (with its writer's quirks accounted for). */
    Statistics<?> statistics(int column) {
        return file.footer().getBlocks().get(index).getColumns().get(column).getStatistics();
    }
}
