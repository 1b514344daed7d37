package dev.floe.pipeline.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses what a stateless pipeline cannot do. A pipeline maps each event to zero or more rows on
 * its own, batch after batch, so anything that looks across events is refused: aggregates,
 * {@code GROUP BY}, {@code HAVING}, {@code DISTINCT}, window functions, {@code UNION} without
 * {@code ALL}, {@code INTERSECT}/{@code EXCEPT}, joins (other than unnesting a list of the same
 * event), subquery expressions, recursive CTEs, and also {@code ORDER BY}, {@code LIMIT} and
 * {@code SAMPLE}, which would apply to each micro-batch rather than to the stream and so mean nothing
 * stable. Table functions other than {@code unnest} are refused too: a pipeline reads its stream only.
 */
final class StatelessRules {
    private final StatementContext context;
    private final Set<String> aggregateFunctions;

    private StatelessRules(StatementContext context, Set<String> aggregateFunctions) {
        this.context = context;
        this.aggregateFunctions = aggregateFunctions;
    }

    /**
     * Checks a query and returns the tables it reads that are not its own CTEs: the stream, or
     * unknown names (each a {@code BASE_TABLE} node).
     */
    static List<ObjectNode> check(JsonNode query, StatementContext context, Set<String> aggregateFunctions) {
        StatelessRules rules = new StatelessRules(context, aggregateFunctions);
        Set<String> cteNames = new HashSet<>();
        Ast.forEachObject(query, node -> {
            if (node.has("cte_map")) {
                for (JsonNode cte : node.path("cte_map").path("map")) {
                    cteNames.add(cte.path("key").asText().toLowerCase(Locale.ROOT));
                }
            }
        });
        List<ObjectNode> tables = new ArrayList<>();
        Ast.forEachObject(query, node -> {
            rules.checkNode(node);
            if (Ast.isOfType(node, "BASE_TABLE")
                    && !cteNames.contains(node.path("table_name").asText().toLowerCase(Locale.ROOT))) {
                tables.add(node);
            }
        });
        return tables;
    }

    private void checkNode(ObjectNode node) {
        if (Ast.isExpression(node, "WINDOW")) {
            throw context.errorAt(node, "window functions such as " + node.path("function_name").asText()
                    + "() OVER (...) are not supported: a pipeline handles each event on its own");
        }
        if (Ast.isExpression(node, "SUBQUERY")) {
            throw context.errorAt(node, "subqueries are not supported in expressions: a pipeline handles each "
                    + "event on its own; use a CTE or a subquery in FROM that reads the same stream");
        }
        if (Ast.isExpression(node, "FUNCTION") && aggregateFunctions.contains(Ast.functionName(node))) {
            throw context.errorAt(node, "aggregate function " + node.path("function_name").asText()
                    + "() is not supported: a pipeline handles each event on its own, without state");
        }
        if (Ast.isOfType(node, "SELECT_NODE")) {
            checkSelect(node);
        } else if (Ast.isOfType(node, "SET_OPERATION_NODE")) {
            checkSetOperation(node);
        } else if (Ast.isOfType(node, "RECURSIVE_CTE_NODE")) {
            throw context.errorAt(node, "recursive CTEs are not supported");
        } else if (Ast.isOfType(node, "JOIN")) {
            checkJoin(node);
        } else if (Ast.isOfType(node, "TABLE_FUNCTION")) {
            String name = Ast.functionName(node.path("function"));
            if (!name.equals("unnest")) {
                throw context.errorAt(node, "table function " + name + "() is not supported: a pipeline reads its "
                        + "stream only (UNNEST of a list is allowed)");
            }
        } else if (Ast.isOfType(node, "EXPRESSION_LIST")) {
            throw context.errorAt(node, "VALUES lists are not supported: a pipeline reads its stream");
        }
    }

    private void checkSelect(ObjectNode select) {
        JsonNode groups = select.path("group_expressions");
        if (groups.size() > 0 || select.path("group_sets").size() > 0) {
            throw context.errorAt(groups.size() > 0 ? groups.get(0) : select.path("select_list").path(0),
                    "GROUP BY is not supported: a pipeline handles each event on its own, without state");
        }
        if (select.path("aggregate_handling").asText().equals("FORCE_AGGREGATES")) {
            throw context.errorAt(select.path("select_list").path(0), "GROUP BY ALL is not supported");
        }
        if (!select.path("having").isNull() && !select.path("having").isMissingNode()) {
            throw context.errorAt(select.path("having"), "HAVING is not supported: there are no groups in a pipeline");
        }
        if (!select.path("qualify").isNull() && !select.path("qualify").isMissingNode()) {
            throw context.errorAt(select.path("qualify"), "QUALIFY is not supported: there are no windows in a pipeline");
        }
        if (!select.path("sample").isNull() && !select.path("sample").isMissingNode()) {
            throw context.errorAt(select.path("select_list").path(0), "SAMPLE is not supported in a pipeline");
        }
        for (JsonNode modifier : select.path("modifiers")) {
            checkModifier(select, modifier);
        }
        if (Ast.isOfType(select.path("from_table"), "EMPTY")) {
            throw context.errorAt(select.path("select_list").path(0), "the query reads no stream; add FROM <stream>");
        }
    }

    private void checkModifier(JsonNode select, JsonNode modifier) {
        switch (modifier.path("type").asText()) {
            case "ORDER_MODIFIER" -> throw context.errorAt(modifier.path("orders").path(0).path("expression"),
                    "ORDER BY is not supported: a pipeline writes events as they arrive, batch by batch");
            case "LIMIT_MODIFIER", "LIMIT_PERCENT_MODIFIER" -> {
                JsonNode limit = modifier.path("limit");
                throw context.errorAt(limit.isObject() ? limit : modifier.path("offset"),
                        "LIMIT and OFFSET are not supported: they would apply to each batch, not to the stream");
            }
            case "DISTINCT_MODIFIER" -> throw context.errorAt(select.path("select_list").path(0),
                    "DISTINCT is not supported: it needs state across events");
            default -> throw context.errorAt(select.path("select_list").path(0),
                    "unsupported query modifier " + modifier.path("type").asText());
        }
    }

    private void checkSetOperation(ObjectNode operation) {
        String type = operation.path("setop_type").asText();
        boolean all = operation.path("setop_all").asBoolean();
        if (!type.equals("UNION") || !all) {
            String what = type.equals("UNION") ? "UNION without ALL" : type;
            throw context.errorAt(firstSelectItem(operation), what + " is not supported: it needs state across events; "
                    + "UNION ALL is allowed");
        }
        for (JsonNode modifier : operation.path("modifiers")) {
            checkModifier(operation.path("left"), modifier);
        }
    }

    private static JsonNode firstSelectItem(JsonNode queryNode) {
        JsonNode node = queryNode;
        while (node.has("left")) {
            node = node.path("left");
        }
        return node.path("select_list").path(0);
    }

    private void checkJoin(ObjectNode join) {
        boolean unnests = Ast.isOfType(join.path("left"), "TABLE_FUNCTION")
                || Ast.isOfType(join.path("right"), "TABLE_FUNCTION");
        if (!unnests) {
            throw context.errorAt(join, "joins are not supported: a pipeline reads one stream and handles each event "
                    + "on its own (CROSS JOIN UNNEST(list) is allowed)");
        }
    }
}
