package dev.floe.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.io.DefinitionStore;
import dev.floe.json.Json;
import dev.floe.storage.S3Settings;
import java.net.URI;
import java.time.Instant;

/**
 * A bucket definition as its file in the data directory holds it: with the S3 credentials, which
 * the API never shows.
 */
final class BucketDefinitionCodec implements DefinitionStore.Codec<BucketDefinition> {

    @Override
    public String id(BucketDefinition definition) {
        return definition.name();
    }

    @Override
    public String name(BucketDefinition definition) {
        return definition.name();
    }

    @Override
    public JsonNode toJson(BucketDefinition definition) {
        ObjectNode json = Json.object();
        json.put("name", definition.name());
        json.put("creation_date", definition.createdAt().toString());
        json.put("location", definition.location());
        json.put("storage_class", definition.storageClass().apiName());
        S3Settings s3 = definition.s3();
        if (s3 != null) {
            json.putObject("s3")
                    .put("endpoint", s3.endpoint() == null ? null : s3.endpoint().toString())
                    .put("region", s3.region())
                    .put("bucket", s3.bucket())
                    .put("access_key_id", s3.accessKeyId())
                    .put("secret_access_key", s3.secretAccessKey())
                    .put("path_style", s3.pathStyle());
        }
        return json;
    }

    @Override
    public BucketDefinition fromJson(JsonNode json) {
        JsonNode s3 = json.path("s3");
        return new BucketDefinition(
                json.path("name").asText(),
                Instant.parse(json.path("creation_date").asText()),
                json.path("location").isTextual() ? json.path("location").asText() : null,
                StorageClass.fromApiName(json.path("storage_class").asText()),
                s3.isObject() ? new S3Settings(
                        s3.path("endpoint").isTextual() ? URI.create(s3.path("endpoint").asText()) : null,
                        s3.path("region").asText(),
                        s3.path("bucket").asText(),
                        s3.path("access_key_id").asText(),
                        s3.path("secret_access_key").asText(),
                        s3.path("path_style").asBoolean()) : null);
    }
}
