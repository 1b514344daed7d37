package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline as floe describes it.
 *
 * @param status        {@code running} or {@code failed}
 * @param failureReason why a failed pipeline stopped, else {@code null}
 * @param tables        the streams it reads and the sinks it writes; only {@link Pipelines#get} fills them
 * @param raw           the whole pipeline object as the server sent it
 */
public record PipelineInfo(String id, String name, String sql, String status, String failureReason,
                           Instant createdAt, Instant modifiedAt, List<Table> tables, JsonNode raw) {

    /**
     * A stream or sink a pipeline uses.
     *
     * @param type {@code stream} or {@code sink}
     */
    public record Table(String id, String name, String type) {
    }

    public PipelineInfo {
        tables = List.copyOf(tables);
    }

    public static PipelineInfo fromJson(JsonNode json) {
        List<Table> tables = new ArrayList<>();
        json.path("tables").forEach(table -> tables.add(new Table(table.path("id").asText(),
                table.path("name").asText(), table.path("type").asText())));
        JsonNode failureReason = json.path("failure_reason");
        return new PipelineInfo(
                json.path("id").asText(),
                json.path("name").asText(),
                json.path("sql").asText(),
                json.path("status").asText(),
                failureReason.isTextual() ? failureReason.asText() : null,
                JsonValues.instant(json, "created_at", "pipeline"),
                JsonValues.instant(json, "modified_at", "pipeline"),
                tables,
                json.deepCopy());
    }

    /** The tables of one type, {@code stream} or {@code sink}. */
    public List<Table> tables(String type) {
        return tables.stream().filter(table -> table.type().equals(type)).toList();
    }
}
