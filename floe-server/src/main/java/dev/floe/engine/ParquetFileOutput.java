package dev.floe.engine;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;

/**
 * A Parquet file being written from pieces of others: the leading magic, then column chunks (or whole
 * files' pages) appended as they come, then {@link #finish} with the footer that says where they are.
 */
public final class ParquetFileOutput implements Closeable {
    private final FileChannel channel;

    private ParquetFileOutput(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates {@code path}, which must not exist yet, and writes the leading magic. */
    public static ParquetFileOutput create(Path path) throws IOException {
        ParquetFileOutput output = new ParquetFileOutput(
                FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        output.write(ByteBuffer.wrap(ParquetFooter.MAGIC));
        return output;
    }

    /** Where the next byte goes. */
    public long position() throws IOException {
        return channel.position();
    }

    public void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Appends {@code length} bytes of {@code in} from {@code position}, moved by the kernel. */
    public void transfer(FileChannel in, long position, long length) throws IOException {
        for (long done = 0; done < length; ) {
            long moved = in.transferTo(position + done, length - done, channel);
            if (moved <= 0) {
                throw new EOFException("the bytes to copy end past the end of their file");
            }
            done += moved;
        }
    }

    /**
     * Moves a column chunk's page offsets by {@code shift}, for its pages copied that far from where
     * they were: its data, dictionary and index pages, and the chunk's own offset when its writer set it.
     */
    public static void movePages(ColumnChunk chunk, long shift) {
        ColumnMetaData column = chunk.getMeta_data();
        column.setData_page_offset(column.getData_page_offset() + shift);
        if (column.isSetDictionary_page_offset()) {
            column.setDictionary_page_offset(column.getDictionary_page_offset() + shift);
        }
        if (column.isSetIndex_page_offset()) {
            column.setIndex_page_offset(column.getIndex_page_offset() + shift);
        }
        // A deprecated field that many writers (DuckDB among them) leave at 0: kept so, not shifted.
        if (chunk.getFile_offset() > 0) {
            chunk.setFile_offset(chunk.getFile_offset() + shift);
        }
    }

    /** Appends the footer, its length and the closing magic. */
    public void finish(FileMetaData footer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, bytes);
        write(ByteBuffer.wrap(bytes.toByteArray()));
        write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, bytes.size()));
        write(ByteBuffer.wrap(ParquetFooter.MAGIC));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
