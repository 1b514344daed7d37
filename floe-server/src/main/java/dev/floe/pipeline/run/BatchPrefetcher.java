package dev.floe.pipeline.run;

import dev.floe.engine.BatchFile;
import dev.floe.engine.BatchLoader;
import dev.floe.engine.BatchWriter;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.log.RecordVisitor;
import dev.floe.stream.log.StreamLog;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream's log into batch files for a {@link StreamReader}, one micro-batch ahead: while
 * DuckDB works on a batch, a thread of its own reads the records after it and writes them out, so that
 * the runner's thread waits for neither the log nor the file (on a busy pipeline they are a fifth of
 * the work).
 *
 * <p>Records go from the log's read buffer straight into the batch file: the heap holds none of their
 * payloads, however large the batch is.
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

    private final StreamLog log;
    private final BatchLoader loader;
    private final int maxRecords;
    private final long maxBytes;
    private final ExecutorService executor;
    private Future<Batch> ahead;
    private long aheadFrom = -1;

    BatchPrefetcher(String pipeline, StreamLog log, BatchLoader loader, int maxRecords, long maxBytes) {
        this.log = log;
        this.loader = loader;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.executor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("pipeline-read-ahead-" + pipeline).daemon().factory());
    }

    /**
     * The batch starting at {@code from}, or null when no record is there yet; starts reading the
     * batch after it.
     */
    Batch next(long from) {
        Batch batch;
        if (ahead != null && aheadFrom == from) {
            batch = await(ahead);
            ahead = null;
        } else {
            discardAhead();
            batch = read(from);
        }
        if (batch != null) {
            long after = batch.end();
            aheadFrom = after;
            ahead = executor.submit(() -> read(after));
        }
        return batch;
    }

    private Batch read(long from) {
        try (BatchWriter writer = loader.writer()) {
            Extent extent = new Extent(writer);
            return log.read(from, maxRecords, maxBytes, extent) == 0 ? null : new Batch(writer.finish(), from,
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
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new FloeException(ErrorCode.INTERNAL, "reading the next batch failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FloeException(ErrorCode.INTERNAL, "interrupted while reading the next batch", e);
        }
    }

    /** Waits for a batch read ahead that will not be used and deletes its file. */
    private void discardAhead() {
        if (ahead == null) {
            return;
        }
        Future<Batch> stale = ahead;
        ahead = null;
        try {
            Batch batch = await(stale);
            if (batch != null) {
                batch.close();
            }
        } catch (RuntimeException e) {
            // it would have been reported when used; unused, it does not matter
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
