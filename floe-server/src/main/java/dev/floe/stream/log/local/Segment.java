package dev.floe.stream.log.local;

import dev.floe.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One segment file of a log: the batches holding offsets {@code [baseOffset, endOffset)}, named by
 * its base offset. The last segment of a log is active: the writer appends to it and publishes
 * what became durable. The others are sealed: complete, fsynced, only read and eventually deleted.
 *
 * <p>Readers never look past {@link #durableSize()}, so they only ever see fsynced batches. A
 * sealed segment opened at startup is not read until it is first needed: its index is then built
 * by hopping from batch header to batch header.
 */
final class Segment {
    private static final Logger LOG = LoggerFactory.getLogger(Segment.class);
    private static final OffsetFileName FILE_NAME = new OffsetFileName(".log");
    private static final int RECOVERY_CHUNK_BYTES = 1 << 20;
    private static final int HEADER_SCAN_CHUNK_BYTES = 64 << 10;

    /** What recovery cut off the end of the file, if anything. */
    record TailCut(long bytes, String reason) {
    }

    private final Path path;
    private final long baseOffset;
    private final SegmentIndex index = new SegmentIndex();
    private final ReadChannel reads;
    private final ReentrantLock indexing = new ReentrantLock();
    /** Open while the segment is active; used by the writer thread only. */
    private FileChannel writes;
    /** Bytes written, durable or not; writer thread only. */
    private long size;
    private volatile long durableSize;
    private volatile long endOffset;
    private volatile long maxIngestTimeMillis = Long.MIN_VALUE;
    /** The ingest time of the first batch noted since this segment was opened; writer thread only. */
    private long firstIngestTimeMillis = Long.MAX_VALUE;
    private volatile boolean indexed;
    private volatile boolean deleted;

    private Segment(Path path, long baseOffset, FileOpener opener) {
        this.path = path;
        this.baseOffset = baseOffset;
        this.reads = new ReadChannel(path, opener);
        this.endOffset = baseOffset;
    }

    static String fileName(long baseOffset) {
        return FILE_NAME.of(baseOffset);
    }

    /** The base offset a segment file is named by, or empty for a file that is not a segment. */
    static OptionalLong baseOffsetOf(Path file) {
        return FILE_NAME.offsetOf(file);
    }

    /** Creates an empty active segment, syncing the directory so that the new file survives a crash. */
    static Segment create(Path directory, long baseOffset, FileOpener opener) throws IOException {
        Segment segment = new Segment(directory.resolve(fileName(baseOffset)), baseOffset, opener);
        segment.writes = opener.open(segment.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        AtomicFiles.syncDirectory(directory);
        segment.indexed = true;
        return segment;
    }

    /** Opens a sealed segment without reading it. */
    static Segment openSealed(Path file, long baseOffset, long endOffset, FileOpener opener) throws IOException {
        Segment segment = new Segment(file, baseOffset, opener);
        segment.size = Files.size(file);
        segment.durableSize = segment.size;
        segment.endOffset = endOffset;
        return segment;
    }

    /** Opens the last segment of a log to append to it; {@link #recoverTail} must run before anything else. */
    static Segment openActive(Path file, long baseOffset, FileOpener opener) throws IOException {
        Segment segment = new Segment(file, baseOffset, opener);
        segment.writes = opener.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return segment;
    }

    /**
     * Reads every batch of this (active) segment, verifying checksums and offset continuity, and
     * cuts the file at the first batch that is torn or corrupt, since nothing after it can be
     * trusted. Passes every whole batch to {@code onBatch}.
     */
    TailCut recoverTail(Consumer<BatchHeader> onBatch) throws IOException {
        long fileSize = writes.size();
        BatchScanner scanner = new BatchScanner(writes::read, 0, fileSize, RECOVERY_CHUNK_BYTES);
        long next = baseOffset;
        long intactBytes = 0;
        String damage = null;
        try {
            for (BatchHeader batch; (batch = scanner.nextVerified()) != null; ) {
                if (batch.baseOffset() != next) {
                    damage = "batch at file position " + batch.position() + " starts at offset " + batch.baseOffset()
                            + " where " + next + " was expected";
                    break;
                }
                noteBatch(batch.baseOffset(), batch.position(), batch.ingestTimeMillis());
                onBatch.accept(batch);
                next = batch.nextOffset();
                intactBytes = batch.endPosition();
            }
        } catch (CorruptBatchException e) {
            damage = e.getMessage();
        }
        if (intactBytes < fileSize) {
            writes.truncate(intactBytes);
            writes.force(true);
        }
        size = intactBytes;
        publish(next);
        indexed = true;
        return new TailCut(fileSize - intactBytes, damage);
    }

    long baseOffset() {
        return baseOffset;
    }

    /** The offset after the last durable record of this segment. */
    long endOffset() {
        return endOffset;
    }

    long durableSize() {
        return durableSize;
    }

    Path path() {
        return path;
    }

    /** Bytes written to the active segment, durable or not. Writer thread only. */
    long size() {
        return size;
    }

    /** Appends bytes to the active segment, at its end. Writer thread only. */
    void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            size += writes.write(data, size);
        }
    }

    /** Makes every byte written so far durable (data, and the file size it needs). Writer thread only. */
    void force() throws IOException {
        writes.force(false);
    }

    /**
     * Records that the batch with {@code baseOffset} is being written at {@code position}. An index
     * entry may precede durability: readers only look up offsets below the log's durable end.
     */
    void noteBatch(long batchBaseOffset, long position, long ingestTimeMillis) {
        index.maybeAdd(batchBaseOffset, position);
        if (firstIngestTimeMillis == Long.MAX_VALUE) {
            firstIngestTimeMillis = ingestTimeMillis;
        }
        if (ingestTimeMillis > maxIngestTimeMillis) {
            maxIngestTimeMillis = ingestTimeMillis;
        }
    }

    /**
     * Whether the first batch noted here (written, or found by recovery) was ingested more than
     * {@code maxAgeMillis} before {@code nowMillis}; false when none was.
     */
    boolean olderThan(long maxAgeMillis, long nowMillis) {
        return firstIngestTimeMillis != Long.MAX_VALUE && nowMillis - firstIngestTimeMillis > maxAgeMillis;
    }

    /** Makes everything written so far, up to {@code newEndOffset}, visible to readers; it must be durable. */
    void publish(long newEndOffset) {
        durableSize = size;
        endOffset = newEndOffset;
    }

    /** Ends appending to this segment, whose every byte must be durable. */
    void seal(long finalEndOffset) throws IOException {
        publish(finalEndOffset);
        writes.close();
        writes = null;
    }

    /** The newest ingest time of any record here ({@link Long#MIN_VALUE} when empty); indexes a sealed segment first. */
    long maxIngestTimeMillis() throws IOException, CorruptBatchException {
        ensureIndexed();
        return maxIngestTimeMillis;
    }

    /** Hands records from {@code fromOffset} on, below {@code limitOffset}, to {@code out} until it is full. */
    void read(long fromOffset, long limitOffset, RecordCollector out) throws IOException, CorruptBatchException {
        ensureIndexed();
        BatchScanner scanner = new BatchScanner(reads::read, index.floorPosition(fromOffset), durableSize, out.chunkBytes());
        for (BatchHeader batch; !out.isFull() && (batch = scanner.nextVerified()) != null
                && batch.baseOffset() < limitOffset; ) {
            if (batch.nextOffset() > fromOffset) {
                BatchCodec.forEachRecord(scanner.batchBuffer(), scanner.batchStart(), batch, out);
            }
        }
    }

    /** Hands the header of every durable batch to {@code visitor}, reading headers only. */
    void forEachHeader(Consumer<BatchHeader> visitor) throws IOException, CorruptBatchException {
        BatchScanner scanner = new BatchScanner(reads::read, 0, durableSize, HEADER_SCAN_CHUNK_BYTES);
        long next = baseOffset;
        for (BatchHeader batch; (batch = scanner.nextHeader()) != null; ) {
            if (batch.baseOffset() != next) {
                throw new CorruptBatchException(batch.position(),
                        "batch starts at offset " + batch.baseOffset() + " where " + next + " was expected");
            }
            visitor.accept(batch);
            next = batch.nextOffset();
        }
    }

    boolean isDeleted() {
        return deleted;
    }

    /** Closes and deletes the file; readers still using it fail and see {@link #isDeleted()}. */
    void delete() throws IOException {
        deleted = true;
        close();
        Files.deleteIfExists(path);
    }

    void close() throws IOException {
        reads.close();
        if (writes != null) {
            writes.close();
            writes = null;
        }
    }

    private void ensureIndexed() throws IOException, CorruptBatchException {
        if (indexed) {
            return;
        }
        indexing.lock();
        try {
            if (!indexed) {
                long started = System.nanoTime();
                forEachHeader(batch -> noteBatch(batch.baseOffset(), batch.position(), batch.ingestTimeMillis()));
                indexed = true;
                LOG.debug("indexed segment {}: {} entries in {} ms", path, index.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            indexing.unlock();
        }
    }
}
