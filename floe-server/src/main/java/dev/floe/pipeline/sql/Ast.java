package dev.floe.pipeline.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/** Helpers over DuckDB's parsed query, the JSON that {@code json_serialize_sql} returns. */
final class Ast {
    private Ast() {}

    /** Visits every object in the tree, parents before children. */
    static void forEachObject(JsonNode node, Consumer<ObjectNode> visitor) {
        if (node instanceof ObjectNode object) {
            visitor.accept(object);
        }
        for (JsonNode child : node) {
            forEachObject(child, visitor);
        }
    }

    static boolean isExpression(JsonNode node, String expressionClass) {
        return node.has("class") && node.path("class").asText().equals(expressionClass);
    }

    /** A table reference or query node of this type ({@code BASE_TABLE}, {@code SELECT_NODE}…). */
    static boolean isOfType(JsonNode node, String type) {
        return !node.has("class") && node.path("type").asText().equals(type);
    }

    static String functionName(JsonNode function) {
        return function.path("function_name").asText().toLowerCase(java.util.Locale.ROOT);
    }
}
