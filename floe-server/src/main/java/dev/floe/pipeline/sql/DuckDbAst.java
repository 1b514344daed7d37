package dev.floe.pipeline.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.engine.ScalarCall;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * DuckDB's own parser, used through {@code json_serialize_sql} (SQL to a JSON tree with each node's
 * location) and {@code json_deserialize_sql} (a tree back to SQL).
 */
final class DuckDbAst {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    DuckDbAst(Connection connection) {
        this.connection = connection;
    }

    /** The whole serialized form of one SELECT: {@code {"error":false,"statements":[{"node":…}]}}. */
    ObjectNode parse(String sql, StatementContext context) {
        ObjectNode root = (ObjectNode) readTree(call("json_serialize_sql(?::VARCHAR)", sql));
        if (root.path("error").asBoolean()) {
            String message = root.path("error_message").asText();
            JsonNode position = root.get("position");
            int offset = position == null ? context.statement().queryStart()
                    : context.bindText().originalOffsetOfByte(Long.parseLong(position.asText()));
            throw context.errorAtOffset(offset, message);
        }
        if (root.path("statements").size() != 1) {
            throw context.errorAtOffset(context.statement().queryStart(), "expected one SELECT query");
        }
        return root;
    }

    /** The query node of a parsed root. */
    static ObjectNode queryNode(ObjectNode root) {
        return (ObjectNode) root.path("statements").path(0).path("node");
    }

    /** The expression node of {@code SELECT <expression>}: a template for building nodes. */
    ObjectNode expression(String expression) {
        return (ObjectNode) template("SELECT " + expression).path("select_list").path(0);
    }

    /** The table reference of {@code SELECT * FROM <item>}: a template for building FROM clauses. */
    ObjectNode fromItem(String item) {
        return (ObjectNode) template("SELECT * FROM " + item).path("from_table");
    }

    private ObjectNode template(String select) {
        ObjectNode root = (ObjectNode) readTree(call("json_serialize_sql(?::VARCHAR)", select));
        if (root.path("error").asBoolean()) {
            throw new IllegalArgumentException("cannot parse " + select + ": " + root.path("error_message").asText());
        }
        return queryNode(root);
    }

    String toSql(ObjectNode root) {
        return call("json_deserialize_sql(?::JSON)", root.toString());
    }

    private String call(String function, String argument) {
        try {
            return ScalarCall.text(connection, function, argument);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "DuckDB could not " + function + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.INTERNAL, "unreadable parse tree from DuckDB: " + e.getMessage(), e);
        }
    }
}
