package dev.floe.pipeline.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.engine.CloudflareFunctions;
import dev.floe.engine.SqlLiterals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Parses each JSON column of the stream once per event for all the calls of one SELECT that read
 * values at constant paths of it ({@code json_get_str(data, 'round')}, {@code json_get_int(data,
 * 'seats')}, …; see {@link CloudflareFunctions#readsValueAtPath}). Each such call parses the whole
 * document on its own: a pipeline that reads three fields of a small object and filters on a fourth
 * spent a CPU second per two million events more on those four parses than on one.
 *
 * <p>A SELECT that reads the stream's relation directly, and calls such functions on one of its
 * columns at least twice, reads instead from a subquery that adds, per column, the list of the
 * values at every path the calls name ({@code json_extract(data, ['/round', '/seats'])}: one parse);
 * each call becomes its function's {@link CloudflareFunctions#valueFunction} of its element. Text
 * that is not JSON gives a null list, so every call on it gives null, as before. Calls that are a
 * whole output column without a name stay as written, since DuckDB names such a column after its
 * text (so does anything else in such a column); so do calls inside subqueries and lambdas, whose
 * column names may mean something else.
 */
final class SharedJsonParses {
    /** The prefix of the added columns, one per JSON column: hidden from {@code *} like the hidden columns. */
    static final String VALUES_COLUMN = "__floe_json_values_";

    private final DuckDbAst ast;
    private final Set<String> lowerCaseStreamColumns;

    SharedJsonParses(DuckDbAst ast, Set<String> lowerCaseStreamColumns) {
        this.ast = ast;
        this.lowerCaseStreamColumns = lowerCaseStreamColumns;
    }

    /** A call to rewrite: the function, the column as written and the pointer of its path of keys. */
    private record Call(ObjectNode node, String function, String column, String pointer) {}

    /** Rewrites every SELECT node of the translated query that reads the stream's relation directly. */
    void apply(JsonNode query) {
        List<ObjectNode> readers = new ArrayList<>();
        Ast.forEachObject(query, node -> {
            if (Ast.isOfType(node, "SELECT_NODE") && Ast.isOfType(node.path("from_table"), "BASE_TABLE")
                    && node.path("from_table").path("table_name").asText().equals(CompiledStatement.INPUT_RELATION)) {
                readers.add(node);
            }
        });
        readers.forEach(this::share);
    }

    private void share(ObjectNode select) {
        String qualifier = select.path("from_table").path("alias").asText();
        Map<String, List<Call>> byColumn = new LinkedHashMap<>();
        for (JsonNode item : select.path("select_list")) {
            if (!item.path("alias").asText().isEmpty()) {
                collect(item, qualifier, byColumn);
            }
        }
        collect(select.path("where_clause"), qualifier, byColumn);
        byColumn.values().removeIf(calls -> calls.size() < 2);
        if (byColumn.isEmpty()) {
            return;
        }
        StringJoiner added = new StringJoiner(", ");
        int column = 0;
        for (List<Call> calls : byColumn.values()) {
            String values = VALUES_COLUMN + column++;
            List<String> pointers = calls.stream().map(Call::pointer).distinct().toList();
            StringJoiner paths = new StringJoiner(", ", "[", "]");
            pointers.forEach(pointer -> paths.add(SqlLiterals.string(pointer)));
            String json = SqlLiterals.identifier(calls.getFirst().column());
            added.add("CASE WHEN floe_json_valid(" + json + ") THEN json_extract(" + json + ", " + paths + ") END AS " + values);
            for (Call call : calls) {
                Ast.replace(call.node(), ast.expression(CloudflareFunctions.valueFunction(call.function()) + "(" + values
                        + "[" + (pointers.indexOf(call.pointer()) + 1) + "])"));
            }
            for (JsonNode item : select.path("select_list")) {
                Ast.excludeFromStar(item, qualifier, values);
            }
        }
        String relation = SqlLiterals.identifier(qualifier);
        select.set("from_table", ast.fromItem("(SELECT *, " + added + " FROM " + CompiledStatement.INPUT_RELATION + " AS "
                + relation + ") AS " + relation));
    }

    private void collect(JsonNode node, String qualifier, Map<String, List<Call>> byColumn) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, qualifier, byColumn));
            return;
        }
        if (!(node instanceof ObjectNode object) || Ast.isExpression(object, "SUBQUERY") || Ast.isExpression(object, "LAMBDA")) {
            return;
        }
        Optional<Call> call = Ast.isExpression(object, "FUNCTION") ? call(object, qualifier) : Optional.empty();
        if (call.isPresent()) {
            byColumn.computeIfAbsent(call.get().column().toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(call.get());
        } else {
            object.forEach(child -> collect(child, qualifier, byColumn));
        }
    }

    /** The call, when it reads a value at a path of constant keys of one of the stream's columns. */
    private Optional<Call> call(ObjectNode function, String qualifier) {
        String name = Ast.functionName(function);
        JsonNode arguments = function.path("arguments");
        if (!CloudflareFunctions.readsValueAtPath(name) || arguments.size() < 2) {
            return Optional.empty();
        }
        Optional<String> column = streamColumn(arguments.get(0).path("expression"), qualifier);
        List<String> keys = new ArrayList<>();
        for (int i = 1; i < arguments.size(); i++) {
            JsonNode argument = arguments.get(i);
            JsonNode literal = argument.path("expression").path("literal");
            String kind = literal.path("kind").asText();
            if (!argument.path("name").asText().isEmpty() || !Ast.isExpression(argument.path("expression"), "CONSTANT")
                    || !(kind.equals("STRING") || kind.equals("INTEGER"))) {
                return Optional.empty();
            }
            keys.add(literal.path("text").asText());
        }
        return column.map(written -> new Call(function, name, written, CloudflareFunctions.jsonPointer(keys)));
    }

    /** The stream column an expression names, bare or under the relation's qualifier, as written. */
    private Optional<String> streamColumn(JsonNode expression, String qualifier) {
        if (!Ast.isExpression(expression, "COLUMN_REF")) {
            return Optional.empty();
        }
        JsonNode names = expression.path("column_names");
        boolean qualified = names.size() == 2 && names.get(0).asText().equalsIgnoreCase(qualifier);
        if (names.size() != 1 && !qualified) {
            return Optional.empty();
        }
        String column = names.get(names.size() - 1).asText();
        return lowerCaseStreamColumns.contains(column.toLowerCase(Locale.ROOT)) ? Optional.of(column) : Optional.empty();
    }
}
