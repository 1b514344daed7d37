package dev.floe.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.json.Json;
import java.time.Instant;

/**
 * A pipeline's definition as JSON, in the shape of Cloudflare's pipeline object without what is
 * known only while the server runs (its status and the tables it uses).
 */
public final class PipelineDefinitionCodec {
    private PipelineDefinitionCodec() {
    }

    public static ObjectNode toJson(PipelineDefinition pipeline) {
        ObjectNode json = Json.object();
        json.put("id", pipeline.id());
        json.put("name", pipeline.name());
        json.put("sql", pipeline.sql());
        json.put("created_at", pipeline.createdAt().toString());
        json.put("modified_at", pipeline.modifiedAt().toString());
        return json;
    }

    /** Reads what {@link #toJson} wrote. */
    public static PipelineDefinition fromJson(JsonNode json) {
        return new PipelineDefinition(
                json.path("id").asText(),
                json.path("name").asText(),
                json.path("sql").asText(),
                Instant.parse(json.path("created_at").asText()),
                Instant.parse(json.path("modified_at").asText()));
    }
}
