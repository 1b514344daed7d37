package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A bucket as floe describes it, in R2's terms.
 *
 * @param name         its name
 * @param createdAt    when it was created
 * @param location     the location hint it was created with, such as {@code WNAM}, or {@code null}
 * @param storageClass its default storage class
 * @param jurisdiction {@code default}
 * @param s3           the S3 bucket holding its objects (without credentials), or {@code null} when
 *                     they are in floe's data directory
 * @param raw          the whole bucket object as the server sent it
 */
public record BucketInfo(String name, Instant createdAt, String location, String storageClass, String jurisdiction,
                         S3Storage s3, JsonNode raw) {

    /**
     * Reads a bucket object of the API.
     *
     * @throws FloeException {@code INTERNAL} when its creation date is malformed
     */
    public static BucketInfo fromJson(JsonNode json) {
        return new BucketInfo(
                json.path("name").asText(),
                creationDate(json.path("creation_date")),
                json.path("location").isTextual() ? json.path("location").asText() : null,
                json.path("storage_class").asText("Standard"),
                json.path("jurisdiction").asText("default"),
                S3Storage.fromJson(json.path("floe_s3")),
                json.deepCopy());
    }

    private static Instant creationDate(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new FloeException(ErrorCode.INTERNAL, "unexpected bucket object from floe: creation_date \""
                    + value.asText() + "\" is not a timestamp", e);
        }
    }
}
