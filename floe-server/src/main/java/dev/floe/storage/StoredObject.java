package dev.floe.storage;

import java.time.Instant;

/**
 * An object in a bucket, as a listing describes it.
 *
 * @param key          its key
 * @param size         its length in bytes
 * @param lastModified when it was last written
 */
public record StoredObject(String key, long size, Instant lastModified) {
}
