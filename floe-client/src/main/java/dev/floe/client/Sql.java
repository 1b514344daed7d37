package dev.floe.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.floe.client.internal.ApiConnection;

import java.util.List;
import java.util.Map;

/**
 * Read-only SQL over a bucket's catalog tables: R2 SQL's
 * {@code POST /api/v1/accounts/{account}/r2-sql/query/{bucket}}. Get it from {@link FloeClient#sql()}.
 *
 * <p>{@link #query} throws {@link dev.floe.error.FloeException} with the server's code and message when
 * the query fails: {@code SQL_SYNTAX}, {@code SQL_UNSUPPORTED}, {@code NOT_FOUND} (a table or bucket),
 * {@code QUERY_TIMEOUT}, {@code QUERY_TOO_LARGE}, or {@code TOO_MANY_REQUESTS}.
 */
public final class Sql {
    private final ApiConnection connection;

    Sql(ApiConnection connection) {
        this.connection = connection;
    }

    public SqlResult query(String bucket, String sql) {
        return SqlResult.fromJson(connection.call(ApiConnection.R2_SQL_PREFIX, "POST",
                List.of("r2-sql", "query", bucket), Map.of(), JsonNodeFactory.instance.objectNode().put("query", sql))
                .result());
    }
}
