package dev.floe.stream.log;

/**
 * One durable record as read back from a log.
 *
 * @param offset           its position in the log
 * @param ingestTimeMillis when the server accepted it
 * @param payload          the record's bytes (JSON for HTTP ingest)
 */
public record LogRecord(long offset, long ingestTimeMillis, byte[] payload) {
}
