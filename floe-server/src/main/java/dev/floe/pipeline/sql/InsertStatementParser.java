package dev.floe.pipeline.sql;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pipeline's tokens at {@code ;} into statements and reads each one's
 * {@code INSERT INTO <sink>} head; the query after it is left to DuckDB's parser.
 */
final class InsertStatementParser {
    private final SourceText source;

    private InsertStatementParser(SourceText source) {
        this.source = source;
    }

    static List<InsertStatement> parse(SourceText source, List<SqlToken> tokens) {
        InsertStatementParser parser = new InsertStatementParser(source);
        List<InsertStatement> statements = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        for (SqlToken token : tokens) {
            if (token.is(";")) {
                if (!current.isEmpty()) {
                    statements.add(parser.statement(current));
                }
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            statements.add(parser.statement(current));
        }
        if (statements.isEmpty()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "the pipeline has no SQL statement; write INSERT INTO <sink> SELECT ... FROM <stream>");
        }
        return statements;
    }

    private InsertStatement statement(List<SqlToken> tokens) {
        SqlToken first = tokens.getFirst();
        if (!first.isWord("INSERT") || tokens.size() < 2 || !tokens.get(1).isWord("INTO")) {
            throw invalid(first, "expected INSERT INTO <sink> SELECT ..., found '" + first.text() + "'");
        }
        if (tokens.size() < 3 || !isName(tokens.get(2))) {
            throw invalid(tokens.size() < 3 ? tokens.get(1) : tokens.get(2), "expected the sink's name after INSERT INTO");
        }
        SqlToken sink = tokens.get(2);
        if (tokens.size() < 4) {
            throw invalid(sink, "expected a SELECT after INSERT INTO " + sink.text());
        }
        SqlToken queryStart = tokens.get(3);
        if (queryStart.is("(") || queryStart.is(".")) {
            throw invalid(queryStart, "write INSERT INTO <sink> SELECT ...; a column list or a qualified sink name "
                    + "is not supported");
        }
        if (!queryStart.isWord("SELECT") && !queryStart.isWord("WITH")) {
            throw invalid(queryStart, "expected SELECT or WITH after INSERT INTO " + sink.text() + ", found '"
                    + queryStart.text() + "'");
        }
        return new InsertStatement(sink.identifier(), first.start(), sink.start(), List.copyOf(tokens.subList(3, tokens.size())));
    }

    private static boolean isName(SqlToken token) {
        return token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    private FloeException invalid(SqlToken at, String message) {
        return new FloeException(ErrorCode.INVALID_REQUEST, source.describe(at.start()) + ": " + message);
    }
}
