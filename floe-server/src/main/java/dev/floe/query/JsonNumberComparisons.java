package dev.floe.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * {@code JSON_EXTRACT} compared with a number compares numbers, as in SQLite and MySQL, whose
 * JSON_EXTRACT gives a JSON number as a number: {@code JSON_EXTRACT(data, '$.amount') > 100} holds for
 * 250 and not for 9. JSON_EXTRACT itself gives text ({@link QueryFunctions}), which DuckDB refuses to
 * compare with a number and which would order "9" after "100". So in a comparison ({@code = <> < <= >
 * >=}), a BETWEEN or an IN whose other side is numeric constants, the call is read as
 * {@code TRY_CAST(… AS DOUBLE)}: a value that is no number (a string, an object, true) becomes NULL
 * there and matches nothing. Everywhere else it stays text, so that comparing it with a string, as in
 * {@code JSON_EXTRACT(data, '$.raisedAt') >= '2024-10-01'}, still compares text.
 *
 * <p>A typed alternative, DuckDB's VARIANT, compares both ways by itself but made such filters five to
 * seven times slower than text.
 */
final class JsonNumberComparisons {
    private static final Set<String> NUMBER_KINDS = Set.of("INTEGER", "NUMERIC");

    private final SqlTree tree;
    private JsonNode doubleCast;

    private JsonNumberComparisons(SqlTree tree) {
        this.tree = tree;
    }

    /** Rewrites, in place, every such comparison in the query. */
    static void rewrite(ObjectNode query, SqlTree tree) {
        new JsonNumberComparisons(tree).walk(query);
    }

    private void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            switch (object.path("class").asText()) {
                case "COMPARISON" -> {
                    castIf(object, "left", isNumber(object.path("right")));
                    castIf(object, "right", isNumber(object.path("left")));
                }
                case "BETWEEN" -> castIf(object, "input", isNumber(object.path("lower")) || isNumber(object.path("upper")));
                case "OPERATOR" -> castInputOfIn(object);
                default -> {
                }
            }
        }
        node.forEach(this::walk);
    }

    private void castInputOfIn(ObjectNode operator) {
        String type = operator.path("type").asText();
        JsonNode children = operator.path("children");
        if (!type.equals("COMPARE_IN") && !type.equals("COMPARE_NOT_IN") || !isJsonExtract(children.path(0))) {
            return;
        }
        for (int i = 1; i < children.size(); i++) {
            if (!isNumber(children.get(i))) {
                return;
            }
        }
        operator.withArray("children").set(0, asDouble(children.path(0)));
    }

    private void castIf(ObjectNode parent, String field, boolean otherSideIsNumber) {
        if (otherSideIsNumber && isJsonExtract(parent.path(field))) {
            parent.set(field, asDouble(parent.path(field)));
        }
    }

    private JsonNode asDouble(JsonNode call) {
        if (doubleCast == null) {
            doubleCast = tree.parse("SELECT TRY_CAST(NULL AS DOUBLE)").path("select_list").path(0);
        }
        ObjectNode cast = doubleCast.deepCopy();
        cast.set("child", call);
        return cast;
    }

    private static boolean isJsonExtract(JsonNode node) {
        return node.path("class").asText().equals("FUNCTION") && node.path("schema").asText().isEmpty()
                && node.path("function_name").asText().toLowerCase(Locale.ROOT).equals("json_extract");
    }

    private static boolean isNumber(JsonNode node) {
        return node.path("class").asText().equals("CONSTANT") && NUMBER_KINDS.contains(node.path("literal").path("kind").asText());
    }
}
