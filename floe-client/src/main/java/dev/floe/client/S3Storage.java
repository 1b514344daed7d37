package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * An S3 bucket that holds a floe bucket's objects instead of floe's data directory: the
 * {@code floe_s3} object of the bucket API.
 *
 * @param endpoint        the S3 API's URL, such as {@code http://127.0.0.1:9000}; {@code null} for AWS
 * @param region          the region requests are signed for; {@code null} for the server's default,
 *                        {@code us-east-1}
 * @param bucket          the remote bucket, which must exist
 * @param pathStyle       whether the bucket goes in the URL's path rather than its host name, as most
 *                        self-hosted stores need
 * @param accessKeyId     the access key; sent when creating a bucket, {@code null} in what floe answers
 * @param secretAccessKey its secret; sent when creating a bucket, never answered
 */
public record S3Storage(String endpoint, String region, String bucket, boolean pathStyle, String accessKeyId,
                        String secretAccessKey) {

    public S3Storage {
        Objects.requireNonNull(bucket, "bucket");
    }

    /** Where the objects are, for people: {@code s3://bucket at endpoint}. */
    public String describe() {
        return "s3://" + bucket + (endpoint == null ? "" : " at " + endpoint);
    }

    /** Leaves the secret out, so that the settings can be logged. */
    @Override
    public String toString() {
        return "S3Storage[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle="
                + pathStyle + ", accessKeyId=" + accessKeyId + "]";
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (endpoint != null) {
            json.put("endpoint", endpoint);
        }
        if (region != null) {
            json.put("region", region);
        }
        json.put("bucket", bucket);
        json.put("path_style", pathStyle);
        json.put("access_key_id", accessKeyId);
        json.put("secret_access_key", secretAccessKey);
        return json;
    }

    /** The settings floe answers, or {@code null} for a bucket in its data directory. */
    static S3Storage fromJson(JsonNode json) {
        if (!json.isObject()) {
            return null;
        }
        return new S3Storage(
                json.path("endpoint").isTextual() ? json.path("endpoint").asText() : null,
                json.path("region").isTextual() ? json.path("region").asText() : null,
                json.path("bucket").asText(),
                json.path("path_style").asBoolean(false),
                null,
                null);
    }
}
