package dev.floe.pipeline.sql;

import java.util.List;

/**
 * One {@code INSERT INTO <sink> <query>} statement of a pipeline, as written.
 *
 * @param sink        the sink's name
 * @param start       the offset of {@code INSERT}
 * @param sinkOffset  the offset of the sink's name
 * @param queryTokens the tokens of the query, from {@code SELECT} or {@code WITH} to before the {@code ;}
 */
record InsertStatement(String sink, int start, int sinkOffset, List<SqlToken> queryTokens) {

    int queryStart() {
        return queryTokens.getFirst().start();
    }

    int queryEnd() {
        return queryTokens.getLast().end();
    }
}
