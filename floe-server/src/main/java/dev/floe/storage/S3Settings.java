package dev.floe.storage;

import java.net.URI;
import java.util.Objects;

/**
 * Where an S3 bucket is and how to sign in to it.
 *
 * @param endpoint        the S3 API's address, such as {@code http://127.0.0.1:9000}; {@code null}
 *                        for AWS itself, whose endpoint follows from the region
 * @param region          the region requests are signed for ({@code us-east-1} suits most S3-compatible
 *                        stores; R2 takes {@code auto})
 * @param bucket          the remote bucket's name
 * @param accessKeyId     the access key
 * @param secretAccessKey its secret
 * @param pathStyle       whether to address the bucket in the path ({@code endpoint/bucket/key}), as
 *                        most self-hosted stores need, rather than in the host name
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKeyId, String secretAccessKey,
                         boolean pathStyle) {

    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** {@code s3://bucket at endpoint}, for messages. */
    public String describe() {
        return "s3://" + bucket + (endpoint == null ? " (AWS, " + region + ")" : " at " + endpoint);
    }

    /** Leaves the secret out, so that settings can be logged. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKeyId="
                + accessKeyId + ", pathStyle=" + pathStyle + "]";
    }
}
