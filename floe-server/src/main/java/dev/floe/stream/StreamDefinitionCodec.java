package dev.floe.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.json.Json;
import dev.floe.stream.schema.StreamSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream definition as JSON, in the shape of Cloudflare's stream object (without the endpoint,
 * which depends on where the server is reached). The same form is stored on disk and served by the
 * API, so what a user reads back is exactly what is kept.
 */
public final class StreamDefinitionCodec {
    private StreamDefinitionCodec() {
    }

    public static ObjectNode toJson(StreamDefinition definition) {
        ObjectNode json = Json.object();
        json.put("id", definition.id());
        json.put("name", definition.name());
        json.put("version", definition.version());
        json.put("created_at", definition.createdAt().toString());
        json.put("modified_at", definition.modifiedAt().toString());
        ObjectNode format = json.putObject("format");
        format.put("type", "json");
        format.put("unstructured", definition.unstructured());
        if (definition.schema() == null) {
            json.putNull("schema");
        } else {
            json.set("schema", definition.schema().toJson());
        }
        json.set("http", httpToJson(definition.http()));
        json.putObject("worker_binding").put("enabled", definition.workerBindingEnabled());
        return json;
    }

    public static ObjectNode httpToJson(HttpIngestSettings http) {
        ObjectNode json = Json.object();
        json.put("enabled", http.enabled());
        json.put("authentication", http.authentication());
        ArrayNode origins = json.putObject("cors").putArray("origins");
        http.corsOrigins().forEach(origins::add);
        return json;
    }

    /** Reads a definition this class wrote. */
    public static StreamDefinition fromJson(JsonNode json) {
        JsonNode schema = json.path("schema");
        JsonNode http = json.path("http");
        List<String> origins = new ArrayList<>();
        http.path("cors").path("origins").forEach(origin -> origins.add(origin.asText()));
        return new StreamDefinition(
                json.path("id").asText(),
                json.path("name").asText(),
                json.path("version").asLong(1),
                Instant.parse(json.path("created_at").asText()),
                Instant.parse(json.path("modified_at").asText()),
                schema.isObject() ? StreamSchema.fromJson(schema) : null,
                new HttpIngestSettings(
                        http.path("enabled").asBoolean(true),
                        http.path("authentication").asBoolean(true),
                        origins),
                json.path("worker_binding").path("enabled").asBoolean(true));
    }
}
