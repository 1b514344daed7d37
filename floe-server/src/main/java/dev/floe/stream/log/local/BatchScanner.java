package dev.floe.stream.log.local;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the batches of a segment file from a batch boundary up to a limit, reading the file in
 * chunks with positional reads. Either decodes only headers, skipping bodies (to index a segment
 * or replay producer state), or reads each batch whole and verifies its checksums (to recover or
 * read records). Not thread-safe: one per walk.
 */
final class BatchScanner {

    /** Reads file bytes at a position, like {@link java.nio.channels.FileChannel#read(ByteBuffer, long)}. */
    @FunctionalInterface
    interface PositionalReader {
        int read(ByteBuffer destination, long position) throws IOException;
    }

    private final PositionalReader file;
    private final long limit;
    private final int chunkBytes;
    private long position;
    private ByteBuffer chunk = ByteBuffer.allocate(0);
    /** The file position of {@code chunk}'s first byte. */
    private long chunkStart;
    private int batchAt;

    /**
     * @param position   where a batch starts
     * @param limit      the file position where the walk ends: a batch running past it is torn
     * @param chunkBytes how much to read at a time (more when a batch is larger)
     */
    BatchScanner(PositionalReader file, long position, long limit, int chunkBytes) {
        this.file = file;
        this.position = position;
        this.limit = limit;
        this.chunkBytes = chunkBytes;
    }

    /** The header of the next batch, whose body is skipped unread, or {@code null} at the limit. */
    BatchHeader nextHeader() throws IOException, CorruptBatchException {
        if (position >= limit) {
            return null;
        }
        int size = sizeOfBatchAt(position);
        int at = load(position, BatchCodec.headerBytesNeeded(size));
        BatchHeader header = BatchCodec.readHeader(chunk, at, size, position);
        position += size;
        return header;
    }

    /**
     * The next batch, read whole and verified, or {@code null} at the limit. Its bytes stay in
     * {@link #batchBuffer()} from {@link #batchStart()} until the next call.
     */
    BatchHeader nextVerified() throws IOException, CorruptBatchException {
        if (position >= limit) {
            return null;
        }
        int size = sizeOfBatchAt(position);
        int at = load(position, size);
        BatchHeader header = BatchCodec.readHeader(chunk, at, size, position);
        BatchCodec.verify(chunk, at, header);
        batchAt = at;
        position += size;
        return header;
    }

    ByteBuffer batchBuffer() {
        return chunk;
    }

    int batchStart() {
        return batchAt;
    }

    private int sizeOfBatchAt(long batchPosition) throws IOException, CorruptBatchException {
        int at = load(batchPosition, BatchCodec.PREFIX_BYTES);
        int size = BatchCodec.readSize(chunk, at, batchPosition);
        if (size > limit - batchPosition) {
            throw new CorruptBatchException(batchPosition,
                    "batch of " + size + " bytes runs past the end of the data (" + (limit - batchPosition) + " bytes left)");
        }
        return size;
    }

    /** Makes file bytes {@code [from, from + bytes)} present in the chunk and returns where {@code from} is in it. */
    private int load(long from, int bytes) throws IOException, CorruptBatchException {
        if (from >= chunkStart && from + bytes <= chunkStart + chunk.limit()) {
            return (int) (from - chunkStart);
        }
        if (bytes > limit - from) {
            throw new CorruptBatchException(from, "the data ends inside a batch");
        }
        int capacity = Math.max(chunkBytes, bytes);
        if (chunk.capacity() < capacity) {
            chunk = ByteBuffer.allocate(capacity);
        }
        chunk.clear().limit((int) Math.min(chunk.capacity(), limit - from));
        while (chunk.hasRemaining()) {
            if (file.read(chunk, from + chunk.position()) < 0) {
                break;
            }
        }
        chunk.flip();
        chunkStart = from;
        if (chunk.limit() < bytes) {
            throw new CorruptBatchException(from, "the file ends inside a batch");
        }
        return 0;
    }
}
