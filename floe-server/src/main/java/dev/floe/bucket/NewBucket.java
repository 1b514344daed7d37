package dev.floe.bucket;

import dev.floe.storage.S3Settings;

/**
 * A request to create a bucket.
 *
 * @param locationHint one of R2's location hints ({@code wnam}, {@code weur} …), or {@code null}
 * @param storageClass the default storage class
 * @param s3           the remote bucket that will hold the objects, or {@code null} to keep them in
 *                     the data directory
 */
public record NewBucket(String name, String locationHint, StorageClass storageClass, S3Settings s3) {
}
