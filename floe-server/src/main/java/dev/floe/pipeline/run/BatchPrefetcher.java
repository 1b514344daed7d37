package dev.floe.pipeline.run;

import dev.floe.engine.BatchFile;
import dev.floe.engine.BatchLoader;
import dev.floe.engine.BatchWriter;
import dev.floe.io.Futures;
import dev.floe.stream.log.RecordVisitor;
import dev.floe.stream.log.StreamLog;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream's log into batch files for a {@link StreamReader}, several micro-batches ahead: while
 * DuckDB works on a batch, or on a roll, a thread of its own reads the records after it and writes
 * them out, so that the runner's thread waits for neither the log nor the file (on a busy pipeline
 * they are a fifth of the work). Reading on through a roll keeps the second core busy while DuckDB
 * finishes the roll's file on its own: its last row groups, the bloom filters, the upload.
 *
 * <p>Records go from the log's read buffer straight into the batch file: the heap holds none of their
 * payloads, however large the batch is, and the batches read ahead take disk, at most
 * {@link #READ_AHEAD_BYTES} of payload (or one batch, when a batch may be larger).
 */
final class BatchPrefetcher implements AutoCloseable {
    /**
     * A micro-batch, written to a file.
     *
     * @param start        the offset of its first record
     * @param end          the offset after its last record
     * @param payloadBytes the bytes of its records as sent
     * @param lastIngestMillis     the ingest time of its last record
     * @param earliestIngestMillis the earliest ingest time of its records
     * @param latestIngestMillis   the latest ingest time of its records
     */
    record Batch(BatchFile file, long start, long end, long payloadBytes, long lastIngestMillis,
                 long earliestIngestMillis, long latestIngestMillis) implements AutoCloseable {
        int records() {
            return Math.toIntExact(end - start);
        }

        @Override
        public void close() {
            file.close();
        }
    }

    /** What the batches read ahead may hold at most, on disk; a roll's batches are on disk anyway. */
    static final long READ_AHEAD_BYTES = 256L << 20;
    /** Enough to read through a roll: more would only hold more files open and on disk. */
    private static final int MAX_BATCHES_AHEAD = 4;

    private final StreamLog log;
    private final BatchLoader loader;
    private final int maxRecords;
    private final long maxBytes;
    private final int depth;
    private final boolean plain;
    private final ExecutorService executor;
    /** The batches being read ahead, consecutive from {@link #aheadFrom}; a null batch ends them. */
    private final Deque<Future<Batch>> ahead = new ArrayDeque<>();
    private long aheadFrom = -1;
    /** Where the next batch read ahead starts; used by the read-ahead thread alone while batches are being read. */
    private long nextRead;

    /**
     * @param plain whether the batches read ahead are plain files ({@link BatchLoader#plainWriter}),
     *              for a reader that needs neither offsets nor ingest times in them; batches read
     *              again carry both
     */
    BatchPrefetcher(String pipeline, StreamLog log, BatchLoader loader, int maxRecords, long maxBytes, boolean plain) {
        this.log = log;
        this.loader = loader;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.plain = plain;
        this.depth = (int) Math.clamp(READ_AHEAD_BYTES / maxBytes, 1, MAX_BATCHES_AHEAD);
        this.executor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("pipeline-read-ahead-" + pipeline).daemon().factory());
    }

    /**
     * The batch starting at {@code from}, or null when no record is there yet; keeps reading the
     * batches after it.
     */
    Batch next(long from) {
        Batch batch;
        if (!ahead.isEmpty() && aheadFrom == from) {
            batch = await(ahead.removeFirst());
        } else {
            discardAhead();
            batch = read(from);
            nextRead = batch == null ? from : batch.end();
        }
        if (batch == null) {
            // caught up: whatever was read after the gap is read again at the next call
            discardAhead();
            return null;
        }
        aheadFrom = batch.end();
        while (ahead.size() < depth) {
            ahead.add(executor.submit(this::readNext));
        }
        return batch;
    }

    /**
     * Reads the records from {@code from} up to {@code end} (or as many as a batch holds) again, on the
     * caller's thread, leaving the batches read ahead as they are: for a runner that must go over
     * records it had already taken once more.
     *
     * @param plain whether to write a plain file
     * @return the batch, or null when the log holds no record at {@code from}
     */
    Batch readAgain(long from, long end, boolean plain) {
        return read(from, (int) Math.min(maxRecords, end - from), plain);
    }

    /** Reads the batch after the last one read ahead; batches are read one at a time, in order. */
    private Batch readNext() {
        Batch batch = read(nextRead);
        if (batch != null) {
            nextRead = batch.end();
        }
        return batch;
    }

    private Batch read(long from) {
        return read(from, maxRecords, plain);
    }

    private Batch read(long from, int records, boolean plainFile) {
        try (BatchWriter writer = plainFile ? loader.plainWriter() : loader.writer()) {
            Extent extent = new Extent(writer);
            return log.read(from, records, maxBytes, extent) == 0 ? null : new Batch(writer.finish(), from,
                    extent.lastOffset + 1, extent.bytes, extent.lastIngestMillis, extent.earliestIngestMillis,
                    extent.latestIngestMillis);
        }
    }

    /** Writes each record read into the batch's file and notes what the batch needs to know of them. */
    private static final class Extent implements RecordVisitor {
        private final BatchWriter writer;
        private long lastOffset = -1;
        private long bytes;
        private long lastIngestMillis = -1;
        private long earliestIngestMillis = Long.MAX_VALUE;
        private long latestIngestMillis = Long.MIN_VALUE;

        Extent(BatchWriter writer) {
            this.writer = writer;
        }

        @Override
        public void visit(long offset, long ingestTimeMillis, ByteBuffer buffer, int payloadAt, int payloadLength) {
            writer.append(offset, ingestTimeMillis, buffer, payloadAt, payloadLength);
            lastOffset = offset;
            bytes += payloadLength;
            lastIngestMillis = ingestTimeMillis;
            earliestIngestMillis = Math.min(earliestIngestMillis, ingestTimeMillis);
            latestIngestMillis = Math.max(latestIngestMillis, ingestTimeMillis);
        }
    }

    private static Batch await(Future<Batch> future) {
        return Futures.await(future, "reading the next batch");
    }

    /** Waits for the batches read ahead that will not be used and deletes their files. */
    private void discardAhead() {
        while (!ahead.isEmpty()) {
            try {
                Batch batch = await(ahead.removeFirst());
                if (batch != null) {
                    batch.close();
                }
            } catch (RuntimeException e) {
                // it would have been reported when used; unused, it does not matter
            }
        }
    }

    /** Stops reading ahead and deletes what was read but not taken. */
    @Override
    public void close() {
        discardAhead();
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
