package dev.floe.query;

import dev.floe.engine.CloudflareFunctions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

/**
 * R2 SQL's names that DuckDB lacks or reads differently, beyond the pipeline functions
 * ({@code CloudflareFunctions}): JSON_EXTRACT in SQLite's and MySQL's reading (a JSON string yields
 * its plain text, so {@code JSON_EXTRACT(data, '$.raisedAt') >= '2024-10-01'} compares dates as
 * text, as the seed queries expect; anything else yields its JSON text, and compared with a number
 * it is read as one: {@link JsonNumberComparisons}), and the approximate aggregates.
 */
final class QueryFunctions {
    private static final Map<String, String> MACROS = Map.of(
            "json_extract", "CREATE MACRO json_extract(j, path) AS json_extract_string(j, path)",
            "approx_distinct", "CREATE MACRO approx_distinct(x) AS approx_count_distinct(x)",
            "approx_percentile", "CREATE MACRO approx_percentile(x, p) AS approx_quantile(x, p)");

    private QueryFunctions() {
    }

    /**
     * Installs R2 SQL's names and the Cloudflare functions that the query calls.
     *
     * @param called the names of the functions the query calls, lower case
     */
    static void install(Connection connection, Set<String> called) throws SQLException {
        CloudflareFunctions.install(connection, called);
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> macro : MACROS.entrySet()) {
                if (called.contains(macro.getKey())) {
                    statement.execute(macro.getValue());
                }
            }
        }
    }
}
