package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.json.Json;
import dev.floe.pipeline.SqlValidation;
import dev.floe.pipeline.sql.CompiledPipeline;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.pipeline.sql.OutputColumn;
import java.io.IOException;

/**
 * {@code POST …/pipelines/v1/validate_sql} with {@code {"sql": "…"}}: compiles pipeline SQL against
 * the streams and sinks that exist, and answers with the tables it uses (as wrangler reads them) and,
 * per statement, the schema it would write. An error is a 400 naming the problem and its position.
 */
final class ValidateSqlApi {
    private final SqlValidation validation;

    ValidateSqlApi(SqlValidation validation) {
        this.validation = validation;
    }

    void register(Router router) {
        router.add("POST", ApiPaths.ACCOUNT + "/pipelines/v1/validate_sql", this::validate);
    }

    private void validate(ApiExchange exchange) throws IOException {
        JsonNode body = exchange.readJson();
        RequestFields.requireObject(body, "request body");
        CompiledPipeline pipeline = validation.validate(RequestFields.requiredText(body, "sql", "sql"));
        exchange.send(200, Envelope.success(toJson(pipeline)));
    }

    private static ObjectNode toJson(CompiledPipeline pipeline) {
        ObjectNode result = Json.object();
        ObjectNode tables = result.putObject("tables");
        ArrayNode statements = result.putArray("statements");
        for (CompiledStatement statement : pipeline.statements()) {
            tables.putObject(statement.stream()).put("type", "stream");
            tables.putObject(statement.sink()).put("type", "sink");
            ObjectNode entry = statements.addObject();
            entry.put("sink", statement.sink());
            entry.put("stream", statement.stream());
            entry.put("line", statement.position().line());
            entry.put("column", statement.position().column());
            ArrayNode fields = entry.putObject("schema").putArray("fields");
            for (OutputColumn column : statement.outputSchema()) {
                fields.addObject().put("name", column.name()).put("type", column.type());
            }
        }
        return result;
    }
}
