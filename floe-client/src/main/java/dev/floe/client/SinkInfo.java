package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A sink as floe describes it (its credentials are never sent back).
 *
 * @param format        {@code json} or {@code parquet}
 * @param rowGroupBytes Parquet's target row group size, 0 for JSON
 * @param schema        {@code {"fields":[…]}}, what the pipeline writing to it writes, or {@code null}
 *                      while no pipeline does
 * @param raw           the whole sink object as the server sent it
 */
public record SinkInfo(String id, String name, String type, String bucket, String path, String timePattern,
                       String format, String compression, long rowGroupBytes, long rollIntervalSeconds,
                       long rollFileSizeBytes, long rollInactivitySeconds, String namingStrategy,
                       JsonNode schema, Instant createdAt, Instant modifiedAt, JsonNode raw) {

    public static SinkInfo fromJson(JsonNode json) {
        JsonNode config = json.path("config");
        JsonNode format = json.path("format");
        JsonNode rolling = config.path("rolling_policy");
        JsonNode schema = json.path("schema");
        return new SinkInfo(
                json.path("id").asText(),
                json.path("name").asText(),
                json.path("type").asText(),
                config.path("bucket").asText(),
                config.path("path").asText(""),
                config.path("partitioning").path("time_pattern").asText(""),
                format.path("type").asText(),
                format.path("compression").asText(""),
                format.path("row_group_bytes").asLong(0),
                rolling.path("interval_seconds").asLong(0),
                rolling.path("file_size_bytes").asLong(0),
                rolling.path("inactivity_seconds").asLong(0),
                config.path("file_naming").path("strategy").asText(""),
                schema.isObject() ? schema.deepCopy() : null,
                JsonValues.instant(json, "created_at", "sink"),
                JsonValues.instant(json, "modified_at", "sink"),
                json.deepCopy());
    }
}
