package dev.floe.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Binder;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The part of a WHERE clause (in DuckDB's serialized tree) that Iceberg can use to skip manifests and
 * data files: comparisons of a column with a constant (=, &lt;, &lt;=, &gt;, &gt;=, IN, BETWEEN, IS
 * [NOT] NULL) under AND and OR; a date or timestamp constant may be a string or a typed literal
 * ({@code DATE '…'}, {@code TIMESTAMPTZ '…'}). The result is implied by the clause, never stronger: a conjunct Iceberg
 * cannot use becomes "true" (it prunes nothing), and an OR with such a branch becomes "true" whole.
 * DuckDB still evaluates the whole clause over the files kept, so pruning only ever saves reading.
 */
final class PredicatePushdown {
    private static final Set<String> TIME_TYPES = Set.of("DATE", "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE");

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
        Object value = typed(column, constant(right));
        boolean flipped = false;
        if (column == null || value == null) {
            column = column(right);
            value = typed(column, constant(left));
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
        Object lower = typed(column, constant(node.path("lower")));
        Object upper = typed(column, constant(node.path("upper")));
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
                    Object value = typed(column, constant(children.get(i)));
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

    /**
     * The constant as the column's type takes it: a date or timestamp column's as days or microseconds
     * ({@link TimeConstants}); null when it is none this reading is sure of, or a typed date or time
     * constant compared with a column of another type.
     */
    private Object typed(String column, Object value) {
        Types.NestedField field = column == null || value == null ? null : schema.caseInsensitiveFindField(column);
        if (field == null) {
            return value;
        }
        boolean time = field.type().typeId() == Type.TypeID.DATE || field.type().typeId() == Type.TypeID.TIMESTAMP;
        if (value instanceof TimeText text) {
            return time ? TimeConstants.value(text.text(), field.type()) : null;
        }
        return time && value instanceof String text ? TimeConstants.value(text, field.type()) : value;
    }

    /** A string cast to a date or timestamp type: {@code TIMESTAMPTZ '2026-04-09 00:00:00+00'}. */
    private record TimeText(String text) {}

    /** A constant's value as Iceberg takes it, or null for kinds that are not pushed (such as NULL). */
    private static Object constant(JsonNode node) {
        if (node.path("class").asText().equals("CAST") && !node.path("try_cast").asBoolean()
                && TIME_TYPES.contains(node.path("type_expr").path("type_name").asText().toUpperCase(Locale.ROOT))
                && node.path("child").path("class").asText().equals("CONSTANT")
                && node.path("child").path("literal").path("kind").asText().equals("STRING")) {
            return new TimeText(node.path("child").path("literal").path("text").asText());
        }
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
