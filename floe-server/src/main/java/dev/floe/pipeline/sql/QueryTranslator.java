package dev.floe.pipeline.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.engine.CloudflareFunctions;
import dev.floe.engine.HiddenColumns;
import dev.floe.engine.SqlLiterals;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a checked query's tree into the SELECT the runner executes over a batch:
 * <ul>
 * <li>the stream becomes {@link CompiledStatement#INPUT_RELATION}, under the stream's name (or the
 *     alias the query gave it), so that qualified column names still resolve;
 * <li>the hidden columns ({@link HiddenColumns}) travel through every CTE and subquery that reads
 *     the stream and end the select list, so every output row says which event it came from;
 *     {@code *} excludes them where they would otherwise appear;
 * <li>the functions of {@link CloudflareFunctions#REWRITTEN} are rewritten, {@code now()} and its
 *     kin becoming the pipeline's start time.
 * </ul>
 */
final class QueryTranslator {
    private static final Set<String> NOW = Set.of("now", "current_timestamp", "transaction_timestamp", "get_current_timestamp");
    private static final Set<String> TODAY = Set.of("current_date", "today");

    private final DuckDbAst ast;
    private final StatementContext context;
    private final String stream;
    private final Set<String> streamColumns;
    private final Instant startedAt;

    QueryTranslator(DuckDbAst ast, StatementContext context, String stream, Set<String> streamColumns, Instant startedAt) {
        this.ast = ast;
        this.context = context;
        this.stream = stream;
        this.streamColumns = streamColumns;
        this.startedAt = startedAt;
    }

    String translate(ObjectNode root) {
        ObjectNode query = DuckDbAst.queryNode(root);
        Ast.forEachObject(query, this::rewriteExpression);
        if (carryHiddenColumns(query, Map.of()) == null) {
            throw context.errorAtOffset(context.statement().queryStart(), "the query does not read stream '" + stream + "'");
        }
        new SharedJsonParses(ast, streamColumns).apply(query);
        return ast.toSql(root);
    }

    private void rewriteExpression(ObjectNode node) {
        if (Ast.isExpression(node, "FUNCTION")) {
            String name = Ast.functionName(node);
            if (NOW.contains(name)) {
                Ast.replace(node, ast.expression("CAST(" + SqlLiterals.string(startedAt.toString()) + " AS TIMESTAMP WITH TIME ZONE)"));
            } else if (TODAY.contains(name)) {
                Ast.replace(node, ast.expression("CAST(" + SqlLiterals.string(startedAt.atOffset(ZoneOffset.UTC).toLocalDate().toString())
                        + " AS DATE)"));
            } else if (name.equals("regexp_match")) {
                regexpMatch(node);
            } else if (name.equals("extract_json") || name.equals("extract_json_string")) {
                extractJson(node, name);
            }
        } else if (Ast.isExpression(node, "COLUMN_REF") && node.path("column_names").size() == 1) {
            // current_timestamp and current_date without parentheses parse as column names
            String name = node.path("column_names").path(0).asText().toLowerCase(Locale.ROOT);
            if ((NOW.contains(name) || TODAY.contains(name)) && !streamColumns.contains(name)) {
                ObjectNode function = ast.expression(name + "()");
                rewriteExpression(function);
                Ast.replace(node, function);
            }
        }
    }

    /** regexp_match(s, pattern[, flags]) → floe_regexp_groups(s, pattern[, flags], [regexp_extract(s, pattern, i[, flags]) …]). */
    private void regexpMatch(ObjectNode function) {
        ArrayNode arguments = (ArrayNode) function.path("arguments");
        if (arguments.size() < 2 || arguments.size() > 3) {
            throw context.errorAt(function, "regexp_match takes (string, pattern[, flags])");
        }
        String pattern = literalString(arguments.get(1), function, "regexp_match needs its pattern as a string literal");
        int groups = RegexGroups.count(pattern);
        ObjectNode list = ast.expression("list_value()");
        ArrayNode items = (ArrayNode) list.path("arguments");
        for (int group = groups == 0 ? 0 : 1; group <= groups; group++) {
            ObjectNode extract = ast.expression("regexp_extract(NULL, NULL, " + group + (arguments.size() == 3 ? ", NULL)" : ")"));
            ArrayNode extractArguments = (ArrayNode) extract.path("arguments");
            extractArguments.set(0, arguments.get(0).deepCopy());
            extractArguments.set(1, arguments.get(1).deepCopy());
            if (arguments.size() == 3) {
                extractArguments.set(3, arguments.get(2).deepCopy());
            }
            items.add(argument(extract));
        }
        arguments.add(argument(list));
        rename(function, CloudflareFunctions.REGEXP_GROUPS);
    }

    private void extractJson(ObjectNode function, String name) {
        ArrayNode arguments = (ArrayNode) function.path("arguments");
        if (arguments.size() != 2) {
            throw context.errorAt(function, name + " takes (json, path)");
        }
        String path = literalString(arguments.get(1), function, name + " needs its JSONPath as a string literal");
        boolean many = path.contains("*");
        rename(function, name.equals("extract_json")
                ? (many ? CloudflareFunctions.EXTRACT_JSON_MANY : CloudflareFunctions.EXTRACT_JSON_ONE)
                : (many ? CloudflareFunctions.EXTRACT_JSON_STRING_MANY : CloudflareFunctions.EXTRACT_JSON_STRING_ONE));
    }

    private String literalString(JsonNode argument, ObjectNode function, String message) {
        JsonNode expression = argument.path("expression");
        JsonNode literal = expression.path("literal");
        if (!Ast.isExpression(expression, "CONSTANT") || !literal.path("kind").asText().equals("STRING")) {
            throw context.errorAt(expression.isObject() ? expression : function, message);
        }
        return literal.path("text").asText();
    }

    /**
     * Adds the hidden columns to a query node that reads the stream, directly or through CTEs and
     * subqueries, and returns the qualifier they were read with ("" for none), or null when the node
     * does not read the stream.
     */
    private String carryHiddenColumns(JsonNode query, Map<String, Boolean> outerCtes) {
        if (Ast.isOfType(query, "SET_OPERATION_NODE")) {
            Map<String, Boolean> ctes = ctes(query, outerCtes);
            String left = carryHiddenColumns(query.path("left"), ctes);
            String right = carryHiddenColumns(query.path("right"), ctes);
            return left != null && right != null ? "" : null;
        }
        if (!Ast.isOfType(query, "SELECT_NODE")) {
            return null;
        }
        Map<String, Boolean> ctes = ctes(query, outerCtes);
        String qualifier = carrier(query.path("from_table"), ctes);
        if (qualifier == null) {
            return null;
        }
        ArrayNode selectList = (ArrayNode) query.path("select_list");
        for (JsonNode item : selectList) {
            Ast.excludeFromStar(item, qualifier, HiddenColumns.OFFSET, HiddenColumns.INGEST_TS);
        }
        String prefix = qualifier.isEmpty() ? "" : SqlLiterals.identifier(qualifier) + ".";
        selectList.add(ast.expression(prefix + HiddenColumns.OFFSET + " AS " + HiddenColumns.OFFSET));
        selectList.add(ast.expression(prefix + HiddenColumns.INGEST_TS + " AS " + HiddenColumns.INGEST_TS));
        return qualifier;
    }

    /** The CTEs visible in a query node, each with whether it carries the hidden columns. */
    private Map<String, Boolean> ctes(JsonNode query, Map<String, Boolean> outer) {
        Map<String, Boolean> visible = new HashMap<>(outer);
        for (JsonNode cte : query.path("cte_map").path("map")) {
            String name = cte.path("key").asText().toLowerCase(Locale.ROOT);
            visible.put(name, carryHiddenColumns(cte.path("value").path("query_node"), visible) != null);
        }
        return visible;
    }

    /** The name a FROM clause reads the stream's rows under, "" when unnamed, or null when it does not read them. */
    private String carrier(JsonNode from, Map<String, Boolean> ctes) {
        String alias = from.path("alias").asText();
        if (Ast.isOfType(from, "BASE_TABLE")) {
            String table = from.path("table_name").asText();
            String key = table.toLowerCase(Locale.ROOT);
            if (ctes.containsKey(key)) {
                return ctes.get(key) ? (alias.isEmpty() ? table : alias) : null;
            }
            if (table.equalsIgnoreCase(stream)) {
                ObjectNode base = (ObjectNode) from;
                base.put("table_name", CompiledStatement.INPUT_RELATION);
                base.set("qualified_name", base.objectNode().set("path",
                        base.arrayNode().add(CompiledStatement.INPUT_RELATION)));
                String name = alias.isEmpty() ? table : alias;
                base.put("alias", name);
                return name;
            }
            return null;
        }
        if (Ast.isOfType(from, "SUBQUERY")) {
            return carryHiddenColumns(from.path("subquery").path("node"), ctes) != null ? alias : null;
        }
        if (Ast.isOfType(from, "JOIN")) {
            String left = carrier(from.path("left"), ctes);
            return left != null ? left : carrier(from.path("right"), ctes);
        }
        return null;
    }

    private static ObjectNode argument(ObjectNode expression) {
        ObjectNode argument = expression.objectNode();
        argument.put("name", "");
        argument.set("expression", expression);
        return argument;
    }

    private static void rename(ObjectNode function, String name) {
        function.put("function_name", name);
        function.set("qualified_name", function.objectNode().set("path", function.arrayNode().add(name)));
    }

}
