package dev.floe.stream.log.local;

import dev.floe.error.FloeException;
import dev.floe.stream.log.AppendBatch;
import dev.floe.stream.log.AppendResult;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An append waiting for the writer: the batch, its sizes, and the future its caller waits on. */
final class PendingAppend {
    private final AppendBatch batch;
    private final byte[] producerId;
    private final long payloadBytes;
    private final long encodedBytes;
    private final CompletableFuture<AppendResult> future = new CompletableFuture<>();
    /** Set by the writer once the batch is written, handed out once it is durable. */
    private AppendResult result;

    /**
     * @param producerId   the batch's producer id in UTF-8, empty without producer
     * @param payloadBytes the records' payload bytes
     * @param encodedBytes the bytes the whole batch takes on disk
     */
    PendingAppend(AppendBatch batch, byte[] producerId, long payloadBytes, long encodedBytes) {
        this.batch = batch;
        this.producerId = producerId;
        this.payloadBytes = payloadBytes;
        this.encodedBytes = encodedBytes;
    }

    AppendBatch batch() {
        return batch;
    }

    byte[] producerId() {
        return producerId;
    }

    boolean hasProducer() {
        return batch.producerId() != null;
    }

    long payloadBytes() {
        return payloadBytes;
    }

    long encodedBytes() {
        return encodedBytes;
    }

    /**
     * The bytes the batch takes on disk without its first {@code skipped} records, counted afresh
     * so that the writer reserves exactly what it will encode.
     */
    int encodedBytesWithout(int skipped) {
        List<ByteBuffer> records = batch.records();
        long payload = 0;
        for (int i = skipped; i < records.size(); i++) {
            payload += records.get(i).remaining();
        }
        return (int) BatchCodec.encodedSize(producerId.length, records.size() - skipped, payload);
    }

    CompletableFuture<AppendResult> future() {
        return future;
    }

    void written(AppendResult written) {
        result = written;
    }

    void complete() {
        future.complete(result);
    }

    void fail(FloeException error) {
        future.completeExceptionally(error);
    }
}
