package dev.floe.stream.log;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Records to append in one atomic write.
 *
 * @param records         each record's payload; the buffers are read, never modified, and may be
 *                        slices of a larger request body
 * @param producerId      the idempotent producer that sent them, or {@code null} for none
 * @param firstSequence   the producer's sequence number of the first record (the i-th record has
 *                        {@code firstSequence + i}); ignored without a producer
 * @param ingestTimeMillis when the server accepted the request, kept with every record
 */
public record AppendBatch(List<ByteBuffer> records, String producerId, long firstSequence, long ingestTimeMillis) {
    public static final int MAX_PRODUCER_ID_BYTES = 255;

    public AppendBatch {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        if (producerId != null && firstSequence < 0) {
            throw new IllegalArgumentException("firstSequence must be >= 0, got " + firstSequence);
        }
    }

    public long payloadBytes() {
        long total = 0;
        for (ByteBuffer record : records) {
            total += record.remaining();
        }
        return total;
    }
}
