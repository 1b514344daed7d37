package dev.floe.engine;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;

/**
 * The footer of a local Parquet file as Parquet's Thrift structures (every field the writer set, so
 * that it can be written back whole) and where in the file it starts.
 *
 * @param start the footer's offset: the file is its pages (and any bloom filters), then the footer,
 *              its length in four bytes, and {@code PAR1}
 */
public record ParquetFooter(FileMetaData metadata, long start) {
    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** A top-level column without children, and the index of its chunk among a row group's column chunks. */
    public record Column(SchemaElement element, int chunk) {}

    /** @throws FloeException {@code INTERNAL} when the file does not end as a Parquet file does */
    public static ParquetFooter read(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        byte[] tail = size < 12 ? new byte[0] : readFully(channel, size - 8, 8);
        if (tail.length < 8 || !Arrays.equals(Arrays.copyOfRange(tail, 4, 8), MAGIC)) {
            throw new FloeException(ErrorCode.INTERNAL, file + " is not a Parquet file: it does not end in PAR1");
        }
        long start = size - 8 - ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return new ParquetFooter(Util.readFileMetaData(new ByteArrayInputStream(
                readFully(channel, start, (int) (size - 8 - start)))), start);
    }

    /** The top-level columns that are not groups (structs, lists, maps), in the file's order. */
    public List<Column> primitiveColumns() {
        List<SchemaElement> schema = metadata.getSchema();
        List<Column> columns = new ArrayList<>();
        int element = 1;
        int chunk = 0;
        for (int child = 0; child < schema.getFirst().getNum_children(); child++) {
            int leaves = leaves(schema, element);
            if (!isGroup(schema.get(element))) {
                columns.add(new Column(schema.get(element), chunk));
            }
            element += subtreeSize(schema, element);
            chunk += leaves;
        }
        return columns;
    }

    public static byte[] readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + buffer.position()));
            }
        }
        return buffer.array();
    }

    private static boolean isGroup(SchemaElement element) {
        return element.isSetNum_children() && element.getNum_children() > 0;
    }

    /** How many schema elements the subtree rooted at {@code element} holds, itself included. */
    private static int subtreeSize(List<SchemaElement> schema, int element) {
        int size = 1;
        int children = isGroup(schema.get(element)) ? schema.get(element).getNum_children() : 0;
        for (int child = 0; child < children; child++) {
            size += subtreeSize(schema, element + size);
        }
        return size;
    }

    /** How many column chunks (leaves) the subtree rooted at {@code element} has. */
    private static int leaves(List<SchemaElement> schema, int element) {
        if (!isGroup(schema.get(element))) {
            return 1;
        }
        int leaves = 0;
        int next = element + 1;
        for (int child = 0; child < schema.get(element).getNum_children(); child++) {
            leaves += leaves(schema, next);
            next += subtreeSize(schema, next);
        }
        return leaves;
    }
}
