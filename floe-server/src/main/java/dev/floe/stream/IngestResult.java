package dev.floe.stream;

/**
 * The outcome of an acknowledged ingest request: every record of it is durable.
 *
 * @param committed   records acknowledged (appended now or earlier by the same producer)
 * @param appended    records appended by this request
 * @param duplicates  records already in the log under the same producer sequence
 * @param firstOffset the offset of the first appended record
 */
public record IngestResult(int committed, int appended, int duplicates, long firstOffset) {
}
