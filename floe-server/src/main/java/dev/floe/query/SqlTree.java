package dev.floe.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.engine.ScalarCall;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * DuckDB's own parser through {@code json_serialize_sql} and {@code json_deserialize_sql}. Only a
 * SELECT can be serialized, which is what makes a query read-only: COPY, ATTACH, INSTALL, SET,
 * PRAGMA, CREATE and the like never get past {@link #parse}.
 */
final class SqlTree {
    private final Connection connection;

    SqlTree(Connection connection) {
        this.connection = connection;
    }

    /** The query node of the one SELECT in {@code sql}. */
    ObjectNode parse(String sql) {
        ObjectNode root = (ObjectNode) readTree(call("json_serialize_sql(?::VARCHAR)", sql));
        if (root.path("error").asBoolean()) {
            String message = root.path("error_message").asText();
            if (root.path("error_type").asText().equals("parser")) {
                throw new FloeException(ErrorCode.SQL_SYNTAX, message);
            }
            throw new FloeException(ErrorCode.SQL_UNSUPPORTED,
                    "only a SELECT query can run here (a query is read-only): " + message);
        }
        if (root.path("statements").size() != 1) {
            throw new FloeException(ErrorCode.SQL_UNSUPPORTED, "send one SELECT query, not "
                    + root.path("statements").size() + " statements");
        }
        return (ObjectNode) root.path("statements").path(0).path("node");
    }

    /** The SQL of a query node. */
    String toSql(ObjectNode node) {
        ObjectNode root = Json.object();
        root.put("error", false);
        ObjectNode statement = root.putArray("statements").addObject();
        statement.set("node", node);
        statement.putArray("named_param_map");
        return call("json_deserialize_sql(?::JSON)", root.toString());
    }

    /** The SQL of an expression node. */
    String expressionSql(JsonNode expression) {
        ObjectNode select = parse("SELECT 1");
        select.withArray("select_list").set(0, expression);
        return toSql(select).substring("SELECT ".length());
    }

    private String call(String function, String argument) {
        try {
            return ScalarCall.text(connection, function, argument);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.SQL_UNSUPPORTED, "DuckDB cannot handle this query: " + e.getMessage());
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.INTERNAL, "unreadable parse tree from DuckDB: " + e.getMessage(), e);
        }
    }
}
