package dev.floe.pipeline.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
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

    /** Replaces a node's content in place, keeping its alias and location. */
    static void replace(ObjectNode node, ObjectNode replacement) {
        String alias = node.path("alias").asText();
        JsonNode location = node.get("query_location");
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        node.remove(keys);
        node.setAll(replacement);
        node.put("alias", alias);
        if (location != null) {
            node.set("query_location", location);
        }
    }

    /** Adds columns to what a select list's {@code *} (bare or of the relation) excludes. */
    static void excludeFromStar(JsonNode item, String qualifier, String... columns) {
        if (!isExpression(item, "STAR") || item.path("columns").asBoolean()) {
            return;
        }
        String relation = item.path("relation_name").asText();
        if (relation.isEmpty() || relation.equalsIgnoreCase(qualifier)) {
            ArrayNode excluded = (ArrayNode) item.path("exclude_list");
            for (String column : columns) {
                excluded.add(column);
            }
        }
    }
}
