package dev.floe.bucket;

/**
 * How much a bucket holds.
 *
 * @param objectCount  how many objects
 * @param payloadBytes their total size
 */
public record BucketUsage(long objectCount, long payloadBytes) {
}
