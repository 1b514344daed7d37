package dev.floe.stream.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A stream's durable append-only log: the seam between floe and the system that stores events.
 *
 * <p>Offsets start at 0 and grow by one per record, without gaps. A record is visible to readers,
 * and its append acknowledged, only once it is durable (fsynced for the local log).
 *
 * <p>Consumers (pipelines) name themselves and commit the offset they will read next; the log never
 * deletes a record a registered consumer has not committed past.
 */
public interface StreamLog extends AutoCloseable {

    /**
     * Appends a batch atomically: after a crash either all of its new records are in the log or none.
     * Records whose producer sequence was already written are not appended again and are counted as
     * duplicates.
     *
     * @return a future completed once the batch is durable, or completed exceptionally with a
     *     {@link dev.floe.error.FloeException} ({@code UNAVAILABLE} when the disk failed)
     * @throws dev.floe.error.FloeException {@code TOO_MANY_REQUESTS} at once, without queueing, when
     *     more than the configured amount of data is waiting to be written
     */
    CompletableFuture<AppendResult> append(AppendBatch batch);

    /**
     * Appends batches as {@link #append} would one after the other, queued together so that they
     * share one write and one fsync (unless together they exceed the size of one write). Each batch
     * is atomic on its own: after a crash a prefix of them may be in the log. Batches of the same
     * producer are checked for duplicates in their order here.
     *
     * @return one future per batch, in order, each completed once its batch is durable
     * @throws dev.floe.error.FloeException as {@link #append}, for all of them: none was queued
     */
    List<CompletableFuture<AppendResult>> appendAll(List<AppendBatch> batches);

    /**
     * Reads durable records from {@code fromOffset} on, at most {@code maxRecords} of them and at most
     * about {@code maxBytes} of payload (always at least one record when one is there).
     *
     * @throws dev.floe.error.FloeException {@code NOT_FOUND} when {@code fromOffset} was already
     *     deleted by retention
     */
    default List<LogRecord> read(long fromOffset, int maxRecords, long maxBytes) {
        List<LogRecord> records = new ArrayList<>(Math.min(maxRecords, 256));
        read(fromOffset, maxRecords, maxBytes, (offset, ingestTimeMillis, buffer, payloadAt, payloadLength) -> {
            byte[] payload = new byte[payloadLength];
            buffer.get(payloadAt, payload);
            records.add(new LogRecord(offset, ingestTimeMillis, payload));
        });
        return records;
    }

    /**
     * Like {@link #read(long, int, long)}, handing each record to {@code visitor} as it is found
     * rather than copying its payload into a list.
     *
     * @return the number of records visited
     */
    int read(long fromOffset, int maxRecords, long maxBytes, RecordVisitor visitor);

    /** The first offset still held (records before it were deleted by retention). */
    long startOffset();

    /** The offset the next appended record will get: every offset below it is durable. */
    long endOffset();

    /** Registers a consumer that will read from {@code fromOffset}; no-op when it already exists. */
    void registerConsumer(String consumer, long fromOffset);

    /** Records durably that {@code consumer} has processed every record below {@code nextOffset}. */
    void commit(String consumer, long nextOffset);

    /** The offset {@code consumer} will read next, or empty when it is not registered. */
    OptionalLong committed(String consumer);

    /** Every registered consumer and its committed offset. */
    Map<String, Long> consumers();

    /** Forgets a consumer, so that it no longer holds back retention. */
    void removeConsumer(String consumer);

    /**
     * Deletes whole segments that every consumer has committed past and whose newest record is older
     * than the retention.
     *
     * @return how many records were deleted
     */
    long enforceRetention(long nowMillis);

    /** Sizes and counters of the log. */
    LogStats stats();

    /** Stops accepting appends, waits for queued ones to become durable, and releases files. */
    @Override
    void close();
}
