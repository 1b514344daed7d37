package dev.floe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's own confinement, below the query layer's refusal of table functions: SQL that names a
 * file the plan did not keep is refused by DuckDB itself.
 */
class QuerySandboxTest {
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(10), 256L << 20, 1, 1, 0);

    @TempDir
    static Path table;
    private static FreshDatabases databases;
    private static ScannedTable planned;

    @BeforeAll
    static void writeTwoPartitions() throws Exception {
        Files.createDirectories(table.resolve("day=1"));
        Files.createDirectories(table.resolve("day=2"));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            for (String file : List.of("day=1/a.parquet", "day=1/b.parquet", "day=2/c.parquet")) {
                statement.execute("COPY (SELECT 1 AS id) TO '" + table.resolve(file) + "' (FORMAT parquet)");
            }
        }
        planned = new ScannedTable("t", new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
                List.of(table.resolve("day=1/a.parquet")), 1, List.of(), List.of(), "unused");
        databases = new FreshDatabases(LIMITS);
    }

    @AfterAll
    static void close() {
        databases.close();
    }

    private static QueryResult run(String sql) {
        return new QuerySandbox(sql, Set.of(), List.of(planned), table.resolve("copies"), null, System.nanoTime())
                .run(LIMITS, databases);
    }

    @Test
    void thePlannedFilesAndTheirFolderAreReadable() {
        assertThat(run("SELECT count(*) AS n FROM read_parquet(['" + table.resolve("day=1/a.parquet") + "', '"
                + table.resolve("day=1/b.parquet") + "'])").rows()).containsExactly(java.util.Map.of("n", 2L));
    }

    @Test
    void anyOtherFileIsRefusedByDuckDb() {
        for (String sql : List.of("SELECT * FROM read_parquet('" + table.resolve("day=2/c.parquet") + "')",
                "SELECT * FROM read_csv('/etc/passwd')")) {
            assertThatThrownBy(() -> run(sql)).isInstanceOf(FloeException.class)
                    .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.SQL_UNSUPPORTED))
                    .hasMessageContaining("may read only the tables it names");
        }
    }
}
