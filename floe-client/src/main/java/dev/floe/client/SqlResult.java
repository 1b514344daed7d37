package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a SQL query: its columns, its rows (objects from column name to JSON value), what it
 * read, and the row limit the server applied when the query gave none.
 *
 * @param defaultLimit the limit applied for want of one in the query, or null
 * @param raw          the API's whole result
 */
public record SqlResult(List<Column> columns, List<JsonNode> rows, long filesScanned, long bytesScanned,
                        Integer defaultLimit, JsonNode raw) {

    public record Column(String name, String type) {
    }

    static SqlResult fromJson(JsonNode result) {
        List<Column> columns = new ArrayList<>();
        result.path("schema").forEach(column -> columns.add(new Column(column.path("name").asText(),
                column.path("type").asText())));
        List<JsonNode> rows = new ArrayList<>();
        result.path("rows").forEach(rows::add);
        JsonNode metrics = result.path("metrics");
        JsonNode limit = result.path("limit").path("rows");
        return new SqlResult(List.copyOf(columns), List.copyOf(rows), metrics.path("files_scanned").asLong(),
                metrics.path("bytes_scanned").asLong(), limit.isMissingNode() ? null : limit.asInt(), result);
    }
}
