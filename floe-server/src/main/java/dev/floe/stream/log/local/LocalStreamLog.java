package dev.floe.stream.log.local;

import dev.floe.io.AtomicFiles;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.log.AppendBatch;
import dev.floe.stream.log.AppendResult;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.RecordVisitor;
import dev.floe.stream.log.LogStats;
import dev.floe.stream.log.StreamLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A stream's log in a directory of its own: segment files, producer snapshots and the consumers
 * file. Appends go through a {@link GroupCommitWriter} thread; reads, consumers and retention run
 * on the caller's thread.
 *
 * <p>Dependent actions attached to an append's future without an executor run on the writer
 * thread: keep them short, and never wait there for another append.
 */
final class LocalStreamLog implements StreamLog {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStreamLog.class);
    private static final byte[] NO_PRODUCER = new byte[0];

    private final String streamId;
    private final String logName;
    private final Path directory;
    private final LogConfig config;
    private final LogSegments segments;
    private final AppendQueue queue;
    private final ConsumerOffsets consumers;
    /**
     * Serializes consumer changes with the checks they depend on, and with retention: no consumer
     * can register at an offset being deleted. A lock rather than a monitor, since it is held
     * across fsyncs by request threads, which may be virtual.
     */
    private final ReentrantLock consumersLock = new ReentrantLock();
    private final Thread writerThread;
    private final Consumer<LocalStreamLog> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStreamLog(String streamId, Path directory, LogConfig config, LogSegments segments, AppendQueue queue,
                           ConsumerOffsets consumers, Thread writerThread, Consumer<LocalStreamLog> onClose) {
        this.streamId = streamId;
        this.logName = logName(streamId);
        this.directory = directory;
        this.config = config;
        this.segments = segments;
        this.queue = queue;
        this.consumers = consumers;
        this.writerThread = writerThread;
        this.onClose = onClose;
    }

    /**
     * Opens (recovering) or creates the log in {@code directory} and starts its writer.
     *
     * @param onClose told once the log has been closed
     */
    static LocalStreamLog open(String streamId, Path directory, LogConfig config, FileOpener opener,
                               Consumer<LocalStreamLog> onClose) throws IOException {
        String logName = logName(streamId);
        ConsumerOffsets consumers = ConsumerOffsets.load(directory);
        ProducerSnapshots snapshots = new ProducerSnapshots(directory, logName);
        LogRecovery.Recovered recovered = LogRecovery.recover(directory, logName, opener, snapshots);
        AppendQueue queue = new AppendQueue(logName, config.maxPendingBytes());
        GroupCommitWriter writer = new GroupCommitWriter(logName, directory, config, opener, recovered.segments(),
                queue, recovered.producers(), snapshots);
        Thread writerThread = Thread.ofPlatform().name("floe-log-writer-" + streamId).daemon().unstarted(writer);
        LocalStreamLog log = new LocalStreamLog(streamId, directory, config, recovered.segments(), queue, consumers,
                writerThread, onClose);
        writerThread.start();
        return log;
    }

    private static String logName(String streamId) {
        return "stream log " + streamId;
    }

    String streamId() {
        return streamId;
    }

    @Override
    public CompletableFuture<AppendResult> append(AppendBatch batch) {
        PendingAppend append = pending(batch);
        queue.submit(List.of(append));
        return append.future();
    }

    @Override
    public List<CompletableFuture<AppendResult>> appendAll(List<AppendBatch> batches) {
        List<PendingAppend> appends = new ArrayList<>(batches.size());
        for (AppendBatch batch : batches) {
            appends.add(pending(batch));
        }
        queue.submit(appends);
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>(appends.size());
        for (PendingAppend append : appends) {
            futures.add(append.future());
        }
        return futures;
    }

    private PendingAppend pending(AppendBatch batch) {
        Objects.requireNonNull(batch, "batch");
        byte[] producerId = batch.producerId() == null ? NO_PRODUCER : batch.producerId().getBytes(StandardCharsets.UTF_8);
        if (producerId.length > AppendBatch.MAX_PRODUCER_ID_BYTES) {
            throw LogErrors.invalid("producer id is " + producerId.length + " bytes long in UTF-8; at most "
                    + AppendBatch.MAX_PRODUCER_ID_BYTES + " are allowed");
        }
        long payloadBytes = batch.payloadBytes();
        long encodedBytes = BatchCodec.encodedSize(producerId.length, batch.records().size(), payloadBytes);
        if (encodedBytes > BatchCodec.MAX_BATCH_BYTES) {
            throw new FloeException(ErrorCode.PAYLOAD_TOO_LARGE, "a batch of " + payloadBytes
                    + " bytes is too large for " + logName + "; split it into batches under " + BatchCodec.MAX_BATCH_BYTES + " bytes");
        }
        return new PendingAppend(batch, producerId, payloadBytes, encodedBytes);
    }

    @Override
    public int read(long fromOffset, int maxRecords, long maxBytes, RecordVisitor visitor) {
        requireOpen();
        if (fromOffset < 0 || maxRecords < 1 || maxBytes < 1) {
            throw LogErrors.invalid("cannot read " + logName + " from offset " + fromOffset + " with at most "
                    + maxRecords + " records and " + maxBytes + " bytes: the offset must not be negative and the limits must be positive");
        }
        long endOffset = segments.endOffset();
        if (fromOffset >= endOffset) {
            return 0;
        }
        if (fromOffset < segments.startOffset()) {
            throw LogErrors.deletedByRetention(logName, fromOffset, segments.startOffset());
        }
        RecordCollector out = new RecordCollector(fromOffset, maxRecords, maxBytes, visitor);
        for (Segment segment : segments.from(fromOffset)) {
            if (out.isFull() || segment.baseOffset() >= endOffset) {
                break;
            }
            readSegment(segment, fromOffset, endOffset, out);
        }
        return out.records();
    }

    private void readSegment(Segment segment, long fromOffset, long endOffset, RecordCollector out) {
        try {
            segment.read(fromOffset, endOffset, out);
        } catch (IOException e) {
            if (segment.isDeleted()) {
                throw LogErrors.deletedByRetention(logName, fromOffset, segments.startOffset());
            }
            requireOpen();
            throw LogErrors.readFailed(logName, e);
        } catch (CorruptBatchException e) {
            throw LogErrors.corrupt(logName, segment.path(), e);
        }
    }

    @Override
    public long startOffset() {
        return segments.startOffset();
    }

    @Override
    public long endOffset() {
        return segments.endOffset();
    }

    @Override
    public void registerConsumer(String consumer, long fromOffset) {
        requireOpen();
        requireConsumerName(consumer);
        consumersLock.lock();
        try {
            if (consumers.get(consumer).isPresent()) {
                return;
            }
            long startOffset = segments.startOffset();
            long endOffset = segments.endOffset();
            if (fromOffset < startOffset || fromOffset > endOffset) {
                throw LogErrors.invalid("consumer " + consumer + " cannot start at offset " + fromOffset + " of "
                        + logName + ", which holds offsets " + startOffset + " to " + endOffset
                        + "; start it between them");
            }
            saveConsumer(consumer, fromOffset);
        } finally {
            consumersLock.unlock();
        }
        LOG.debug("{}: registered consumer {} at offset {}", logName, consumer, fromOffset);
    }

    @Override
    public void commit(String consumer, long nextOffset) {
        requireOpen();
        consumersLock.lock();
        try {
            long committed = consumers.get(consumer).orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND,
                    "consumer " + consumer + " is not registered on " + logName));
            if (nextOffset < committed) {
                throw LogErrors.invalid("consumer " + consumer + " of " + logName + " already committed offset "
                        + committed + "; committing " + nextOffset + " would move it backwards");
            }
            long endOffset = segments.endOffset();
            if (nextOffset > endOffset) {
                throw LogErrors.invalid("consumer " + consumer + " cannot commit offset " + nextOffset + " of "
                        + logName + ", beyond its end offset " + endOffset
                        + "; commit the offset after the last record processed");
            }
            if (nextOffset > committed) {
                saveConsumer(consumer, nextOffset);
            }
        } finally {
            consumersLock.unlock();
        }
    }

    @Override
    public OptionalLong committed(String consumer) {
        return consumers.get(consumer);
    }

    @Override
    public Map<String, Long> consumers() {
        return consumers.all();
    }

    @Override
    public void removeConsumer(String consumer) {
        requireOpen();
        consumersLock.lock();
        try {
            consumers.remove(consumer);
        } catch (IOException e) {
            throw consumersNotSaved(e);
        } finally {
            consumersLock.unlock();
        }
        LOG.debug("{}: removed consumer {}", logName, consumer);
    }

    /**
     * Deletes, oldest first, the sealed segments that every consumer has committed past and whose
     * newest record is older than the retention.
     */
    @Override
    public long enforceRetention(long nowMillis) {
        requireOpen();
        long cutoff = nowMillis - config.retention().toMillis();
        long deletedRecords = 0;
        int deletedSegments = 0;
        consumersLock.lock();
        try {
            OptionalLong slowest = consumers.minimum();
            for (Segment segment : segments.sealed()) {
                if ((slowest.isPresent() && segment.endOffset() > slowest.getAsLong())
                        || newestIngestTime(segment) >= cutoff) {
                    break;
                }
                segments.remove(segment);
                deleteSegment(segment);
                deletedRecords += segment.endOffset() - segment.baseOffset();
                deletedSegments++;
            }
        } finally {
            consumersLock.unlock();
        }
        if (deletedSegments > 0) {
            syncDirectory();
            LOG.info("{}: retention deleted {} segments ({} records); the log now starts at offset {}",
                    logName, deletedSegments, deletedRecords, segments.startOffset());
        }
        return deletedRecords;
    }

    private long newestIngestTime(Segment segment) {
        try {
            return segment.maxIngestTimeMillis();
        } catch (IOException e) {
            throw LogErrors.readFailed(logName, e);
        } catch (CorruptBatchException e) {
            throw LogErrors.corrupt(logName, segment.path(), e);
        }
    }

    private void deleteSegment(Segment segment) {
        try {
            segment.delete();
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "could not delete " + segment.path() + " of " + logName
                    + ": " + e, e);
        }
    }

    private void syncDirectory() {
        try {
            AtomicFiles.syncDirectory(directory);
        } catch (IOException e) {
            LOG.warn("{}: could not sync {} after deleting segments; a crash may bring them back", logName, directory, e);
        }
    }

    @Override
    public LogStats stats() {
        return new LogStats(segments.startOffset(), segments.endOffset(), segments.count(), segments.sizeBytes(),
                queue.pendingBytes());
    }

    /**
     * Refuses new appends, waits until the writer has made every queued one durable, then releases
     * the files. A second call waits for the drain too but does nothing more.
     */
    @Override
    public void close() {
        boolean first = closed.compareAndSet(false, true);
        queue.close();
        joinWriter();
        if (first) {
            try {
                segments.closeAll();
            } catch (IOException e) {
                LOG.warn("{}: could not close every segment file", logName, e);
            }
            LOG.debug("{}: closed at offset {}", logName, segments.endOffset());
            onClose.accept(this);
        }
    }

    private void joinWriter() {
        boolean interrupted = false;
        while (writerThread.isAlive()) {
            try {
                writerThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void saveConsumer(String consumer, long offset) {
        try {
            consumers.put(consumer, offset);
        } catch (IOException e) {
            throw consumersNotSaved(e);
        }
    }

    private FloeException consumersNotSaved(IOException cause) {
        return new FloeException(ErrorCode.UNAVAILABLE, "could not save the consumers of " + logName + ": " + cause, cause);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw LogErrors.closed(logName);
        }
    }

    private static void requireConsumerName(String consumer) {
        if (consumer == null || consumer.isBlank()) {
            throw LogErrors.invalid("a consumer needs a non-blank name");
        }
    }
}
