package dev.floe.stream.ingest;

/**
 * One idempotent producer's records in a request that carries several producers' batches.
 *
 * @param producerId    as sent; checked by the stream service
 * @param firstSequence the producer's sequence number of the first record
 * @param records       the batch's valid records
 */
public record ProducerBatch(String producerId, long firstSequence, ParsedRecords records) {
}
