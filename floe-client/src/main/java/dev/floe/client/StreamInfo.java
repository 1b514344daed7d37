package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A stream as floe describes it.
 *
 * @param id                   32 hex digits, fixed for the stream's life
 * @param name                 the name it was created with
 * @param version              grows with every change of its settings
 * @param createdAt            when it was created
 * @param modifiedAt           when its settings last changed
 * @param endpoint             the URL that takes records over HTTP
 * @param format               the record format, {@code json}
 * @param unstructured         whether it takes any JSON rather than records matching a schema
 * @param schema               {@code {"fields":[…]}}, or {@code null} when unstructured
 * @param httpEnabled          whether the HTTP endpoint takes records
 * @param httpAuthentication   whether the HTTP endpoint requires the API token
 * @param corsOrigins          origins browsers may send from
 * @param workerBindingEnabled whether the binding route takes records
 * @param raw                  the whole stream object as the server sent it
 */
public record StreamInfo(String id, String name, long version, Instant createdAt, Instant modifiedAt,
                         String endpoint, String format, boolean unstructured, JsonNode schema,
                         boolean httpEnabled, boolean httpAuthentication, List<String> corsOrigins,
                         boolean workerBindingEnabled, JsonNode raw) {

    public StreamInfo {
        corsOrigins = List.copyOf(corsOrigins);
    }

    /**
     * Reads a stream object of the API.
     *
     * @throws dev.floe.error.FloeException {@code INTERNAL} when a timestamp is malformed
     */
    public static StreamInfo fromJson(JsonNode json) {
        JsonNode schema = json.path("schema");
        boolean hasSchema = schema.isObject();
        JsonNode http = json.path("http");
        return new StreamInfo(
                json.path("id").asText(),
                json.path("name").asText(),
                json.path("version").asLong(),
                JsonValues.instant(json, "created_at", "stream"),
                JsonValues.instant(json, "modified_at", "stream"),
                json.path("endpoint").asText(),
                json.path("format").path("type").asText("json"),
                json.path("format").path("unstructured").asBoolean(!hasSchema),
                hasSchema ? schema.deepCopy() : null,
                http.path("enabled").asBoolean(false),
                http.path("authentication").asBoolean(false),
                JsonValues.stringList(http.path("cors").path("origins")),
                json.path("worker_binding").path("enabled").asBoolean(false),
                json.deepCopy());
    }
}
