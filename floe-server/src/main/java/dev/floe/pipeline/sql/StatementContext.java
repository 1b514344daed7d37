package dev.floe.pipeline.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

/** One statement being compiled: where its parts are in the user's text, for error messages. */
final class StatementContext {
    /** DuckDB's location of nodes it made up, which are nowhere in the text. */
    private static final String NO_LOCATION = "18446744073709551615";

    private final SourceText source;
    private final InsertStatement statement;
    private final BindText bindText;

    StatementContext(SourceText source, InsertStatement statement, BindText bindText) {
        this.source = source;
        this.statement = statement;
        this.bindText = bindText;
    }

    InsertStatement statement() {
        return statement;
    }

    BindText bindText() {
        return bindText;
    }

    SourcePosition position() {
        return source.position(statement.start());
    }

    /** An error at an AST node (at the query's start when the node has no location). */
    FloeException errorAt(JsonNode node, String message) {
        JsonNode location = node.get("query_location");
        int offset = location == null || location.asText().equals(NO_LOCATION)
                ? statement.queryStart()
                : bindText.originalOffsetOfByte(location.asLong());
        return errorAtOffset(offset, message);
    }

    FloeException errorAtOffset(int offset, String message) {
        return new FloeException(ErrorCode.INVALID_REQUEST, source.describe(offset) + ": " + message);
    }
}
