package dev.floe.bucket;

import dev.floe.storage.S3Settings;
import java.time.Instant;
import java.util.Objects;

/**
 * What a bucket is.
 *
 * @param name         unique, R2's rules: 3 to 63 lowercase letters, digits and hyphens
 * @param createdAt    when it was created
 * @param location     the location hint it was created with, upper case as R2 reports it
 *                     ({@code WNAM}), or {@code null}
 * @param storageClass the default storage class
 * @param s3           where an S3-backed bucket's objects are, or {@code null} for a bucket in a
 *                     directory of the data directory
 */
public record BucketDefinition(String name, Instant createdAt, String location, StorageClass storageClass,
                               S3Settings s3) {

    public BucketDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(storageClass, "storageClass");
    }

    public boolean s3Backed() {
        return s3 != null;
    }
}
