package dev.floe.stream.log;

/**
 * A snapshot of a log's size.
 *
 * @param startOffset   first offset held
 * @param endOffset     next offset to be assigned
 * @param segments      number of segment files
 * @param sizeBytes     bytes on disk
 * @param pendingBytes  payload bytes accepted but not yet durable
 */
public record LogStats(long startOffset, long endOffset, int segments, long sizeBytes, long pendingBytes) {
}
