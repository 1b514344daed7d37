package dev.floe.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * R2 SQL's names that DuckDB lacks or reads differently, beyond the pipeline functions
 * ({@code CloudflareFunctions}): JSON_EXTRACT in SQLite's and MySQL's reading (a JSON string yields
 * its plain text, so {@code JSON_EXTRACT(data, '$.raisedAt') >= '2024-10-01'} compares dates as
 * text, as the seed queries expect; anything else yields its JSON text, and compared with a number
 * it is read as one: {@link JsonNumberComparisons}), and the approximate aggregates.
 */
final class QueryFunctions {
    private static final List<String> MACROS = List.of(
            "CREATE MACRO json_extract(j, path) AS json_extract_string(j, path)",
            "CREATE MACRO approx_distinct(x) AS approx_count_distinct(x)",
            "CREATE MACRO approx_percentile(x, p) AS approx_quantile(x, p)");

    private QueryFunctions() {
    }

    static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String macro : MACROS) {
                statement.execute(macro);
            }
        }
    }
}
