package dev.floe.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Binder;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * The part of a WHERE clause (in DuckDB's serialized tree) that Iceberg can use to skip manifests and
 * data files: comparisons of a column with a constant (=, &lt;, &lt;=, &gt;, &gt;=, IN, BETWEEN, IS
 * [NOT] NULL) under AND and OR. The result is implied by the clause, never stronger: a conjunct Iceberg
 * cannot use becomes "true" (it prunes nothing), and an OR with such a branch becomes "true" whole.
 * DuckDB still evaluates the whole clause over the files kept, so pruning only ever saves reading.
 */
final class PredicatePushdown {
    private final Schema schema;
    private final String alias;

    /** @param alias the name the query gives the table: a column qualified by another name is not its */
    PredicatePushdown(Schema schema, String alias) {
        this.schema = schema;
        this.alias = alias;
    }

    Expression filter(JsonNode where) {
        if (where == null || where.isNull()) {
            return Expressions.alwaysTrue();
        }
        Expression expression = convert(where);
        return expression == null ? Expressions.alwaysTrue() : expression;
    }

    /** The predicate, or null when Iceberg cannot use it. */
    private Expression convert(JsonNode node) {
        String type = node.path("type").asText();
        return switch (node.path("class").asText()) {
            case "CONJUNCTION" -> conjunction(type, node.path("children"));
            case "COMPARISON" -> comparison(type, node.path("left"), node.path("right"));
            case "BETWEEN" -> between(node);
            case "OPERATOR" -> operator(type, node.path("children"));
            default -> null;
        };
    }

    private Expression conjunction(String type, JsonNode children) {
        boolean and = type.equals("CONJUNCTION_AND");
        Expression result = null;
        for (JsonNode child : children) {
            Expression converted = convert(child);
            if (converted == null) {
                if (!and) {
                    return null;
                }
                continue;
            }
            result = result == null ? converted : and ? Expressions.and(result, converted) : Expressions.or(result, converted);
        }
        return result;
    }

    private Expression comparison(String type, JsonNode left, JsonNode right) {
        String column = column(left);
        Object value = constant(right);
        boolean flipped = false;
        if (column == null || value == null) {
            column = column(right);
            value = constant(left);
            flipped = true;
        }
        if (column == null || value == null) {
            return null;
        }
        Expression expression = switch (type) {
            case "COMPARE_EQUAL" -> Expressions.equal(column, value);
            case "COMPARE_LESSTHAN" -> flipped ? Expressions.greaterThan(column, value) : Expressions.lessThan(column, value);
            case "COMPARE_LESSTHANOREQUALTO" ->
                    flipped ? Expressions.greaterThanOrEqual(column, value) : Expressions.lessThanOrEqual(column, value);
            case "COMPARE_GREATERTHAN" -> flipped ? Expressions.lessThan(column, value) : Expressions.greaterThan(column, value);
            case "COMPARE_GREATERTHANOREQUALTO" ->
                    flipped ? Expressions.lessThanOrEqual(column, value) : Expressions.greaterThanOrEqual(column, value);
            default -> null;
        };
        return bindable(expression);
    }

    private Expression between(JsonNode node) {
        String column = column(node.path("input"));
        Object lower = constant(node.path("lower"));
        Object upper = constant(node.path("upper"));
        if (column == null || lower == null || upper == null) {
            return null;
        }
        return bindable(Expressions.and(Expressions.greaterThanOrEqual(column, lower),
                Expressions.lessThanOrEqual(column, upper)));
    }

    private Expression operator(String type, JsonNode children) {
        String column = column(children.path(0));
        if (column == null) {
            return null;
        }
        return switch (type) {
            case "OPERATOR_IS_NULL" -> bindable(Expressions.isNull(column));
            case "OPERATOR_IS_NOT_NULL" -> bindable(Expressions.notNull(column));
            case "COMPARE_IN" -> {
                List<Object> values = new ArrayList<>();
                for (int i = 1; i < children.size(); i++) {
                    Object value = constant(children.get(i));
                    if (value == null) {
                        yield null;
                    }
                    values.add(value);
                }
                yield bindable(Expressions.in(column, values));
            }
            default -> null;
        };
    }

    /**
     * The expression when Iceberg can bind it to the table (the column exists, the constant converts
     * to its type), else null: a constant DuckDB would cast differently must not prune.
     */
    private Expression bindable(Expression expression) {
        if (expression == null) {
            return null;
        }
        try {
            Binder.bind(schema.asStruct(), expression, false);
            return expression;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The column of this table a reference names, or null. A qualifier must be the table's name in the
     * query: in a correlated subquery, {@code outer.y = 5} is about another table even when this one
     * has a column {@code y}.
     */
    private String column(JsonNode node) {
        if (!node.path("class").asText().equals("COLUMN_REF")) {
            return null;
        }
        JsonNode names = node.path("column_names");
        if (names.size() == 1) {
            return names.get(0).asText();
        }
        return names.size() == 2 && names.get(0).asText().equalsIgnoreCase(alias) ? names.get(1).asText() : null;
    }

    /** A constant's value as Iceberg takes it, or null for kinds that are not pushed (such as NULL). */
    private static Object constant(JsonNode node) {
        if (!node.path("class").asText().equals("CONSTANT")) {
            return null;
        }
        JsonNode literal = node.path("literal");
        String text = literal.path("text").asText();
        try {
            return switch (literal.path("kind").asText()) {
                case "STRING" -> text;
                case "INTEGER" -> Long.parseLong(text);
                case "DECIMAL" -> new BigDecimal(text);
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null; // beyond a long: left to DuckDB
        }
    }
}
