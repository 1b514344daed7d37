package dev.floe.client;

import java.util.List;
import java.util.Objects;

/**
 * Records of one idempotent producer, numbered from {@code firstSequence}, for
 * {@link ProducerBatches#send(List)}.
 *
 * @param producerId    1 to 255 visible ASCII characters
 * @param firstSequence the sequence number of the first record; the i-th has {@code firstSequence + i}
 * @param records       maps, Java records, POJOs or Jackson {@code JsonNode}s; each becomes one JSON object
 */
public record ProducerBatch(String producerId, long firstSequence, List<?> records) {
    public ProducerBatch {
        Stream.requireValidProducerId(producerId);
        if (firstSequence < 0) {
            throw new IllegalArgumentException("firstSequence must be >= 0, got " + firstSequence);
        }
        records = List.copyOf(Objects.requireNonNull(records, "records"));
    }
}
