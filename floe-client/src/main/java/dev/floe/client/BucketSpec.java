package dev.floe.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * What to create a bucket with. Build one with {@link #builder(String)}.
 *
 * @param name         3 to 63 lowercase letters, digits and hyphens, beginning and ending with a letter
 *                     or digit
 * @param locationHint one of R2's location hints ({@code wnam}, {@code weur} …), or {@code null}
 * @param storageClass {@code Standard} or {@code InfrequentAccess}, or {@code null} for Standard
 * @param s3           the S3 bucket to keep the objects in, with its credentials, or {@code null} to
 *                     keep them in floe's data directory
 */
public record BucketSpec(String name, String locationHint, String storageClass, S3Storage s3) {

    public BucketSpec {
        Objects.requireNonNull(name, "name");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The body of the create request, as R2 takes it, with floe's {@code floe_s3}. */
    ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", name);
        if (locationHint != null) {
            body.put("locationHint", locationHint);
        }
        if (storageClass != null) {
            body.put("storageClass", storageClass);
        }
        if (s3 != null) {
            body.set("floe_s3", s3.toJson());
        }
        return body;
    }

    public static final class Builder {
        private final String name;
        private String locationHint;
        private String storageClass;
        private S3Storage s3;

        private Builder(String name) {
            this.name = name;
        }

        public Builder locationHint(String locationHint) {
            this.locationHint = locationHint;
            return this;
        }

        public Builder storageClass(String storageClass) {
            this.storageClass = storageClass;
            return this;
        }

        /** Keeps the objects in this S3 bucket, which must exist, instead of floe's data directory. */
        public Builder s3(S3Storage s3) {
            this.s3 = s3;
            return this;
        }

        public BucketSpec build() {
            return new BucketSpec(name, locationHint, storageClass, s3);
        }
    }
}
