package dev.floe.catalog.maintenance;

import dev.floe.engine.ParquetFileOutput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.RowGroup;

/**
 * One row group of a file being merged page by page, its file open until the merged row group is
 * written: a column chunk is read into memory only when its pages must be looked at, and one whose
 * pages go out as they are is moved from file to file by the kernel instead.
 */
final class InputRowGroup implements Closeable {
    private final LocalParquetFile file;
    private final int index;
    private final FileChannel channel;

    private InputRowGroup(LocalParquetFile file, int index, FileChannel channel) {
        this.file = file;
        this.index = index;
        this.channel = channel;
    }

    /** Opens the file's row group {@code index}; the caller closes it. */
    static InputRowGroup open(LocalParquetFile file, int index) throws IOException {
        return new InputRowGroup(file, index, FileChannel.open(file.path(), StandardOpenOption.READ));
    }

    RowGroup rowGroup() {
        return file.raw().getRow_groups().get(index);
    }

    ColumnChunk chunk(int column) {
        return rowGroup().getColumns().get(column);
    }

    /** The column's chunk, every page of it with its header. */
    byte[] chunkBytes(int column) throws IOException {
        return LocalParquetFile.readFully(channel, RowGroupCopy.chunkStart(chunk(column).getMeta_data()),
                Math.toIntExact(chunk(column).getMeta_data().getTotal_compressed_size())).array();
    }

    /** Appends the column's chunk as it is to {@code out}. */
    void transferChunk(int column, ParquetFileOutput out) throws IOException {
        out.transfer(channel, RowGroupCopy.chunkStart(chunk(column).getMeta_data()),
                chunk(column).getMeta_data().getTotal_compressed_size());
    }

    /** The column chunk's statistics as parquet-java reads them (with its writer's quirks accounted for). */
    Statistics<?> statistics(int column) {
        return file.footer().getBlocks().get(index).getColumns().get(column).getStatistics();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
