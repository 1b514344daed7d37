package dev.floe.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which date and timestamp constants prune, and to what, read from DuckDB's own parse of the WHERE clause. */
class PredicatePushdownTest {
    private static final Schema SCHEMA = new Schema(Types.NestedField.required(1, "ts", Types.TimestampType.withZone()),
            Types.NestedField.optional(2, "day", Types.DateType.get()), Types.NestedField.optional(3, "name", Types.StringType.get()));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ts >= TIMESTAMPTZ '2026-04-09 00:00:00+00'  | ref(name=\"ts\") >= 1775692800000000",
            "ts < '2026-04-09'                           | ref(name=\"ts\") < 1775692800000000",
            "ts = '2026-04-09T02:00:00.5+02:00'          | ref(name=\"ts\") == 1775692800500000",
            "ts BETWEEN TIMESTAMP '2026-04-09' AND '2026-04-09 01:00:00Z' | (ref(name=\"ts\") >= 1775692800000000 and ref(name=\"ts\") <= 1775696400000000)",
            "day = DATE '2026-04-09'                     | ref(name=\"day\") == 20552",
            "ts > 'yesterday'                            | true",
            "ts > '2026-04-09 00:00:00.1234567'          | true",
            "name = DATE '2026-04-09'                    | true"})
    void dateAndTimestampConstantsPruneAsDuckDbCastsThemInUtc(String where, String filter) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            SqlTree tree = new SqlTree(connection);
            assertThat(new PredicatePushdown(SCHEMA, "t").filter(tree.parse("SELECT * FROM t WHERE " + where)
                    .path("where_clause")).toString()).isEqualTo(filter);
        }
    }
}
