package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.json.Json;
import dev.floe.query.QueryResult;
import dev.floe.query.QueryService;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * R2 SQL: {@code POST /api/v1/accounts/{account_id}/r2-sql/query/{bucket}} with {@code {"query": "…"}}
 * and the API token, answering the rows in Cloudflare's envelope:
 * {@code result: {request_id, schema: [{name, type}], rows: [{column: value}], metrics}}. When the query
 * gives no LIMIT, {@code result.limit} says which one applied.
 */
final class QueryApi {
    /** R2 SQL's own API root, beside Cloudflare's {@code /client/v4}; every path under it needs the token. */
    static final String PREFIX = "/api/v1/";
    static final String QUERY = PREFIX + "accounts/{account_id}/r2-sql/query/{bucket}";

    private final QueryService queries;

    QueryApi(QueryService queries) {
        this.queries = queries;
    }

    void register(Router router) {
        router.add("POST", QUERY, this::query);
    }

    private void query(ApiExchange exchange) throws IOException {
        JsonNode body = exchange.readJson();
        RequestFields.requireObject(body, "request body");
        String sql = RequestFields.requiredText(body, "query", "query");
        QueryResult answer = queries.query(exchange.path("bucket"), sql);
        exchange.send(200, Envelope.success(toJson(answer)));
    }

    private static ObjectNode toJson(QueryResult answer) {
        ObjectNode result = Json.object();
        result.put("request_id", UUID.randomUUID().toString());
        ArrayNode schema = result.putArray("schema");
        answer.schema().forEach(column -> schema.addObject().put("name", column.name()).put("type", column.type()));
        ArrayNode rows = result.putArray("rows");
        for (Map<String, Object> row : answer.rows()) {
            rows.add(Json.MAPPER.valueToTree(row));
        }
        if (answer.defaultLimit() != null) {
            result.putObject("limit").put("rows", answer.defaultLimit())
                    .put("reason", "the query gave no LIMIT; at most " + answer.defaultLimit() + " rows are answered");
        }
        QueryResult.Metrics metrics = answer.metrics();
        result.putObject("metrics")
                .put("files_scanned", metrics.filesScanned())
                .put("files_pruned", metrics.filesPruned())
                .put("files_pruned_by_bloom_filters", metrics.filesPrunedByBloomFilters())
                .put("bytes_scanned", metrics.bytesScanned())
                .put("row_groups_scanned", metrics.rowGroupsScanned())
                .put("row_groups_skipped", metrics.rowGroupsSkipped())
                .put("rows_returned", answer.rows().size())
                .put("elapsed_ms", metrics.elapsedMillis())
                .put("cached", metrics.cached());
        return result;
    }
}
