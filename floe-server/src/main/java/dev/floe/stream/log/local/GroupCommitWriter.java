package dev.floe.stream.log.local;

import dev.floe.error.FloeException;
import dev.floe.stream.log.AppendBatch;
import dev.floe.stream.log.AppendResult;
import dev.floe.stream.log.LogConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one thread that writes a log. It takes every queued append at once (a group, up to
 * {@code maxBatchWriteBytes}), drops the records idempotent producers already wrote, encodes the
 * rest into one reused direct buffer, writes it with as few calls as the buffer allows, fsyncs
 * once for the whole group, and only then makes the records readable and acknowledges them. The
 * cost of an fsync is thus shared by every append that arrived while the previous one ran.
 *
 * <p>Being the only writer is what makes checking for duplicates and appending one atomic step.
 * When a write or fsync fails, nothing written since the last good fsync can be trusted (the page
 * cache may have dropped it), so the log fails every pending and later append until it is reopened
 * and recovered.
 */
final class GroupCommitWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int INITIAL_BUFFER_BYTES = 256 << 10;

    private final String logName;
    private final Path directory;
    private final LogConfig config;
    private final FileOpener opener;
    private final LogSegments segments;
    private final AppendQueue queue;
    private final ProducerStateTable producers;
    private final ProducerSnapshots snapshots;
    private final BatchEncoder encoder = new BatchEncoder();
    private final List<PendingAppend> group = new ArrayList<>();
    /** The buffer size a group may fill before it is written out; only a larger single batch exceeds it. */
    private final int bufferLimit;
    private ByteBuffer buffer;
    private Segment active;
    private long nextOffset;
    /** Whether the active segment holds bytes written since its last fsync. */
    private boolean unsynced;

    GroupCommitWriter(String logName, Path directory, LogConfig config, FileOpener opener, LogSegments segments,
                      AppendQueue queue, ProducerStateTable producers, ProducerSnapshots snapshots) {
        this.logName = logName;
        this.directory = directory;
        this.config = config;
        this.opener = opener;
        this.segments = segments;
        this.queue = queue;
        this.producers = producers;
        this.snapshots = snapshots;
        this.bufferLimit = (int) Math.min(config.maxBatchWriteBytes(), BatchCodec.MAX_BATCH_BYTES);
        this.buffer = ByteBuffer.allocateDirect(Math.min(INITIAL_BUFFER_BYTES, bufferLimit));
        this.active = segments.active();
        this.nextOffset = segments.endOffset();
    }

    @Override
    public void run() {
        try {
            while (queue.takeGroup(group, config.maxBatchWriteBytes())) {
                writeGroup();
            }
        } catch (Throwable failure) {
            fail(failure);
            return;
        }
        saveProducerStateAtClose();
    }

    private void writeGroup() throws IOException {
        long groupPayloadBytes = 0;
        for (PendingAppend append : group) {
            groupPayloadBytes += append.payloadBytes();
            append.written(write(append));
        }
        syncActive();
        active.publish(nextOffset);
        segments.publishEnd(nextOffset);
        queue.release(groupPayloadBytes);
        for (PendingAppend append : group) {
            append.complete();
        }
        group.clear();
        if (buffer.capacity() > bufferLimit) {
            buffer = ByteBuffer.allocateDirect(Math.min(INITIAL_BUFFER_BYTES, bufferLimit));
        }
    }

    /** Puts the new records of one append into the buffer; what it returns is acknowledged once durable. */
    private AppendResult write(PendingAppend append) throws IOException {
        AppendBatch batch = append.batch();
        int recordCount = batch.records().size();
        int duplicates = append.hasProducer()
                ? producers.duplicatesIn(batch.producerId(), batch.firstSequence(), recordCount)
                : 0;
        int fresh = recordCount - duplicates;
        if (fresh == 0) {
            return new AppendResult(nextOffset, 0, duplicates);
        }
        if (active.size() + buffer.position() > config.segmentBytes()
                || active.olderThan(config.segmentMaxAge().toMillis(), batch.ingestTimeMillis())) {
            roll();
        }
        reserve(append.encodedBytesWithout(duplicates));
        long firstSequence = append.hasProducer() ? batch.firstSequence() + duplicates : BatchCodec.NO_SEQUENCE;
        active.noteBatch(nextOffset, active.size() + buffer.position(), batch.ingestTimeMillis());
        encoder.encode(buffer, nextOffset, batch.ingestTimeMillis(), append.producerId(), firstSequence,
                batch.records(), duplicates);
        if (append.hasProducer()) {
            producers.recordWritten(batch.producerId(), batch.firstSequence() + recordCount - 1);
        }
        AppendResult result = new AppendResult(nextOffset, fresh, duplicates);
        nextOffset += fresh;
        return result;
    }

    /**
     * Seals the active segment (full, or holding records older than the segment age) and starts the
     * next one. The sealed segment is fsynced first,
     * because segments before the last are trusted without checking at recovery; the producer
     * state is saved before the new file exists, so recovery always finds a snapshot covering every
     * segment but the last.
     */
    private void roll() throws IOException {
        syncActive();
        active.seal(nextOffset);
        snapshots.write(nextOffset, producers.snapshot(), nextOffset);
        Segment next = Segment.create(directory, nextOffset, opener);
        segments.add(next);
        LOG.info("{}: rolled segment {} at {} bytes; the next segment starts at offset {}",
                logName, active.path().getFileName(), active.durableSize(), nextOffset);
        active = next;
    }

    /** Makes room for a batch of {@code bytes}: grows the buffer up to its limit, beyond that writes it out first. */
    private void reserve(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        if ((long) buffer.position() + bytes > bufferLimit) {
            flush();
        }
        if (buffer.remaining() < bytes) {
            int capacity = (int) Math.max((long) buffer.position() + bytes, Math.min(bufferLimit, 2L * buffer.capacity()));
            ByteBuffer larger = ByteBuffer.allocateDirect(capacity);
            larger.put(buffer.flip());
            buffer = larger;
        }
    }

    /** Writes out the buffer and fsyncs the active segment, once, if anything was written since the last fsync. */
    private void syncActive() throws IOException {
        flush();
        if (unsynced) {
            active.force();
            unsynced = false;
        }
    }

    private void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        active.write(buffer);
        buffer.clear();
        unsynced = true;
    }

    private void fail(Throwable cause) {
        FloeException error = LogErrors.writeFailed(logName, cause);
        LOG.error("{}: writing failed; failing every pending append until the log is reopened", logName, cause);
        queue.fail(error);
        for (PendingAppend append : group) {
            append.fail(error);
        }
        group.clear();
    }

    /** Saves the producer state at the end of the log, so that it need not be rebuilt at the next open. */
    private void saveProducerStateAtClose() {
        try {
            snapshots.write(nextOffset, producers.snapshot(), active.baseOffset());
        } catch (IOException e) {
            LOG.warn("{}: could not save the producer state at close; it will be rebuilt from the last segment", logName, e);
        }
    }
}
