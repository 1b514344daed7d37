package dev.floe.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R2 SQL's endpoint on a real server over a table that Iceberg's own client wrote: ten data files of
 * ten rows each, ids 0–99 in order, so that each file's id range is its own.
 */
class QueryApiTest {
    private static final String TOKEN = "query-token";
    private static final int FILES = 10;
    private static final int ROWS_PER_FILE = 10;
    private static final Schema SCHEMA = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()));

    @TempDir
    static Path dataDir;

    private static RunningServer server;
    private static List<String> dataFiles;
    private static long firstSnapshot;
    private static RESTCatalog catalog;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN, "query-timeout", "3s",
                "query-memory", "64MiB", "query-concurrency", "2"));
        HttpCall.Answer created = HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN)
                .json(Map.of("name", "lake")).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(HttpCall.request("POST", server.catalogControlUrl("lake/enable")).bearer(TOKEN).send().status())
                .isEqualTo(200);
        catalog = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles());
        catalog.createNamespace(Namespace.of(QueryService.DEFAULT_NAMESPACE), new HashMap<>());
        Table table = catalog.createTable(TableIdentifier.of(QueryService.DEFAULT_NAMESPACE, "events"), SCHEMA,
                PartitionSpec.unpartitioned());
        for (int file = 0; file < FILES; file++) {
            Map<Long, String> rows = new LinkedHashMap<>();
            for (long id = (long) file * ROWS_PER_FILE; id < (file + 1L) * ROWS_PER_FILE; id++) {
                rows.put(id, id % 3 == 0 ? "fizz" : "name-" + id);
            }
            IcebergClient.append(table, rows);
        }
        table.refresh();
        Snapshot snapshot = table.currentSnapshot();
        while (snapshot.parentId() != null) {
            snapshot = table.snapshot(snapshot.parentId());
        }
        firstSnapshot = snapshot.snapshotId();
        dataFiles = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(task -> dataFiles.add(Path.of(java.net.URI.create(task.file().location())).toString()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        catalog.close();
        server.close();
    }

    private static HttpCall.Answer query(String sql) {
        return HttpCall.request("POST", server.baseUrl() + "/api/v1/accounts/" + RunningServer.ACCOUNT
                + "/r2-sql/query/lake").bearer(TOKEN).json(Map.of("query", sql)).send();
    }

    private static JsonNode result(String sql) {
        HttpCall.Answer answer = query(sql);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("success").asBoolean()).isTrue();
        return answer.json().path("result");
    }

    @Test
    void aPointLookupScansOnlyTheFileThatCanHoldTheValue() {
        JsonNode result = result("SELECT id, name FROM events WHERE id = 41");

        assertThat(result.path("rows").toString()).isEqualTo("[{\"id\":41,\"name\":\"name-41\"}]");
        assertThat(result.path("schema").toString())
                .isEqualTo("[{\"name\":\"id\",\"type\":\"BIGINT\"},{\"name\":\"name\",\"type\":\"VARCHAR\"}]");
        assertThat(result.path("metrics").path("files_scanned").asLong()).isEqualTo(1);
        assertThat(result.path("metrics").path("files_pruned").asLong()).isEqualTo(FILES - 1);
        assertThat(result.path("metrics").path("bytes_scanned").asLong()).isPositive();
    }

    @Test
    void rangesInListsAndDisjunctionsPruneToTheFilesTheyOverlap() {
        assertThat(filesScanned("SELECT count(*) FROM events WHERE id BETWEEN 15 AND 25")).isEqualTo(2);
        assertThat(filesScanned("SELECT count(*) FROM \"default\".events WHERE id IN (1, 2, 95)")).isEqualTo(2);
        assertThat(filesScanned("SELECT count(*) FROM events WHERE id < 10 OR id >= 90")).isEqualTo(2);
        assertThat(filesScanned("SELECT count(*) FROM events WHERE id > 55 AND name LIKE 'fizz%'")).isEqualTo(5);
        // an OR with a branch Iceberg cannot use prunes nothing: the branch may hold any row
        assertThat(filesScanned("SELECT count(*) FROM events WHERE id = 1 OR length(name) = 4")).isEqualTo(FILES);
        assertThat(filesScanned("SELECT count(*) FROM events WHERE id = 1000")).isZero();
        assertThat(filesScanned("SELECT count(*) FROM events e WHERE e.id = 41")).isEqualTo(1);
        // a qualifier naming the outer table: the inner scan must not be pruned by it
        assertThat(result("SELECT count(*) AS n FROM events o WHERE EXISTS (SELECT 1 FROM events i WHERE i.id = o.id + 10"
                + " AND o.id = 5)").path("rows").toString()).isEqualTo("[{\"n\":1}]");
        assertThat(result("SELECT count(*) AS n FROM events WHERE id = 1000").path("rows").toString())
                .isEqualTo("[{\"n\":0}]");
    }

    private static long filesScanned(String sql) {
        return result(sql).path("metrics").path("files_scanned").asLong();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT count(*) AS n, sum(id) AS total, avg(id) AS mean, min(name) AS least, max(name) AS most FROM events",
            "SELECT DISTINCT name FROM events WHERE name = 'fizz' OR id < 3 ORDER BY name",
            "SELECT name, count(*) AS n FROM events GROUP BY name HAVING count(*) > 1 ORDER BY n DESC, name",
            "SELECT id, name FROM events WHERE name LIKE 'name-1%' AND id NOT IN (10, 11) ORDER BY id LIMIT 3 OFFSET 1",
            "SELECT id FROM events WHERE name ILIKE 'FIZZ' AND id BETWEEN 20 AND 40 ORDER BY id",
            "SELECT id, CASE WHEN id % 2 = 0 THEN 'even' ELSE 'odd' END AS parity, CAST(id AS VARCHAR) || ':' || name AS label,"
                    + " TRY_CAST(name AS INTEGER) AS number, id::DOUBLE / 4 AS quarter FROM events ORDER BY id LIMIT 12",
            "WITH big AS (SELECT id, name FROM events WHERE id >= 80) SELECT count(*) AS n FROM big WHERE name <> 'fizz'",
            "SELECT id FROM events WHERE id IN (SELECT id * 2 FROM events WHERE id < 10) ORDER BY id",
            "SELECT o.id FROM events o WHERE EXISTS (SELECT 1 FROM events i WHERE i.id = o.id + 1 AND o.id > 97) ORDER BY 1",
            "SELECT a.id, b.name FROM events a JOIN events b ON a.id = b.id + 1 WHERE a.id < 5 ORDER BY a.id",
            "SELECT id, row_number() OVER (PARTITION BY name = 'fizz' ORDER BY id DESC) AS rank FROM events ORDER BY id",
            "SELECT id, name FROM events QUALIFY row_number() OVER (PARTITION BY name ORDER BY id) = 1 ORDER BY id",
            "SELECT id FROM events WHERE id < 5 UNION SELECT id FROM events WHERE id > 95 ORDER BY id",
            "SELECT id FROM events WHERE id < 10 INTERSECT SELECT id FROM events WHERE id > 5 ORDER BY id",
            "SELECT id FROM events WHERE id < 10 EXCEPT SELECT id FROM events WHERE name = 'fizz' ORDER BY id",
            "SELECT name IS NULL AS missing, count(*) AS n FROM events WHERE name IS NOT NULL GROUP BY ALL ORDER BY 1",
            "SELECT EXTRACT(year FROM DATE '2024-10-05') AS year, approx_distinct(name) > 0 AS some FROM events",
    })
    void answersAsDuckDbDoesOverTheSameFiles(String sql) throws Exception {
        assertThat(result(sql).path("rows").toString()).isEqualTo(duckDb(sql));
    }

    /** The rows DuckDB itself answers over every data file of the table, as floe renders them. */
    private static String duckDb(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            StringJoiner files = new StringJoiner(", ", "[", "]");
            dataFiles.forEach(file -> files.add("'" + file + "'"));
            statement.execute("CREATE VIEW events AS SELECT * FROM read_parquet(" + files + ")");
            statement.execute("CREATE MACRO approx_distinct(x) AS approx_count_distinct(x)");
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        Object value = result.getObject(i);
                        row.put(result.getMetaData().getColumnLabel(i), value instanceof java.math.BigInteger
                                || value instanceof java.sql.Date ? value.toString() : value);
                    }
                    rows.add(row);
                }
            }
            return dev.floe.json.Json.MAPPER.writeValueAsString(rows);
        }
    }

    @Test
    void showAndDescribeAnswerFromTheCatalog() {
        assertThat(result("SHOW NAMESPACES").path("rows").toString()).contains("{\"namespace\":\"default\"}");
        assertThat(result("SHOW TABLES IN \"default\"").path("rows").toString())
                .contains("{\"namespace\":\"default\",\"table\":\"events\"}");
        assertThat(result("SHOW TABLES").path("rows").toString()).contains("\"table\":\"events\"");
        assertThat(result("DESCRIBE events").path("rows").toString()).isEqualTo(
                "[{\"column_name\":\"id\",\"column_type\":\"BIGINT\",\"field_id\":1,\"required\":true},"
                        + "{\"column_name\":\"name\",\"column_type\":\"VARCHAR\",\"field_id\":2,\"required\":false}]");
        assertThat(query("SHOW TABLES IN nowhere").status()).isEqualTo(404);
    }

    @Test
    void explainListsTheFilesKeptAndPruned() {
        JsonNode rows = result("EXPLAIN SELECT name FROM events WHERE id = 41").path("rows");

        assertThat(rows).hasSize(FILES);
        List<String> kept = new ArrayList<>();
        rows.forEach(row -> {
            if (row.path("status").asText().equals("kept")) {
                kept.add(row.path("file").asText());
            }
        });
        assertThat(kept).hasSize(1);
        assertThat(dataFiles).contains(kept.getFirst());
    }

    @Test
    void timeTravelReadsTheTableAsItWas() {
        assertThat(result("SELECT count(*) AS n FROM events FOR SYSTEM_VERSION AS OF " + firstSnapshot)
                .path("rows").toString()).isEqualTo("[{\"n\":10}]");
        assertThat(result("SELECT max(e.id) AS top FROM events FOR SYSTEM_VERSION AS OF " + firstSnapshot + " AS e")
                .path("rows").toString()).isEqualTo("[{\"top\":9}]");
        assertThat(result("SELECT count(*) AS n FROM events FOR SYSTEM_TIME AS OF '2999-01-01 00:00:00'")
                .path("rows").toString()).isEqualTo("[{\"n\":100}]");
        assertThat(query("SELECT count(*) FROM events FOR SYSTEM_TIME AS OF '2000-01-01'").status()).isEqualTo(404);
        assertThat(query("SELECT count(*) FROM events FOR SYSTEM_VERSION AS OF 12345").status()).isEqualTo(404);
    }

    @Test
    void aRepeatedQueryIsAnsweredFromTheCacheUntilTheTableChanges() {
        Table table = createTable("growing");
        IcebergClient.append(table, Map.of(1L, "one"));
        String sql = "SELECT count(*) AS n FROM growing";
        assertThat(result(sql).path("metrics").path("cached").asBoolean()).isFalse();
        JsonNode again = result(sql);
        assertThat(again.path("metrics").path("cached").asBoolean()).isTrue();
        assertThat(again.path("rows").toString()).isEqualTo("[{\"n\":1}]");

        IcebergClient.append(table, Map.of(2L, "two"));
        JsonNode changed = result(sql);
        assertThat(changed.path("metrics").path("cached").asBoolean()).isFalse();
        assertThat(changed.path("rows").toString()).isEqualTo("[{\"n\":2}]");
    }

    @Test
    void columnsAreReadByFieldIdSoRenamedAndAddedColumnsReadRight() {
        Table table = createTable("evolving");
        IcebergClient.append(table, Map.of(1L, "one"));
        table.updateSchema().renameColumn("name", "label").addColumn("note", Types.StringType.get()).commit();

        assertThat(result("SELECT id, label, note FROM evolving").path("rows").toString())
                .isEqualTo("[{\"id\":1,\"label\":\"one\",\"note\":null}]");
    }

    private static Table createTable(String name) {
        return catalog.createTable(TableIdentifier.of(QueryService.DEFAULT_NAMESPACE, name), SCHEMA,
                PartitionSpec.unpartitioned());
    }

    @Test
    void cloudflaresFunctionsAndJsonExtractReadAsR2SqlDoes() {
        JsonNode row = result("""
                SELECT initcap('ada lovelace') AS name, nvl(NULL, 'x') AS fallback, to_hex(255) AS hex,
                       sha256('abc') AS digest, approx_percentile(id, 0.5) BETWEEN 40 AND 60 AS median_near,
                       JSON_EXTRACT('{"a":{"b":"2024-10-05"}}', '$.a.b') AS text,
                       JSON_EXTRACT('{"a":{"b":"2024-10-05"}}', '$.a.b') >= '2024-10-01' AS after,
                       JSON_EXTRACT('{"n":5,"o":{"k":[1]}}', '$.n') AS number,
                       JSON_EXTRACT('{"n":5,"o":{"k":[1]}}', '$.o') AS object,
                       JSON_EXTRACT('{}', '$.missing') AS missing
                FROM events""").path("rows").path(0);

        assertThat(row.toString()).isEqualTo("{\"name\":\"Ada Lovelace\",\"fallback\":\"x\",\"hex\":\"ff\","
                + "\"digest\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"median_near\":true,"
                + "\"text\":\"2024-10-05\",\"after\":true,\"number\":\"5\",\"object\":\"{\\\"k\\\":[1]}\","
                + "\"missing\":null}");
    }

    @Test
    void jsonExtractComparedWithNumbersComparesNumbersAndWithStringsComparesText() {
        assertThat(result("SELECT count(*) AS n FROM events WHERE JSON_EXTRACT('{\"n\":' || id || '}', '$.n') > 95")
                .path("rows").toString()).as("96 to 99, not also 6 to 9 as text would order them").isEqualTo("[{\"n\":4}]");
        JsonNode row = result("""
                SELECT JSON_EXTRACT('{"amount":250}', '$.amount') > 100 AS big,
                       JSON_EXTRACT('{"amount":9.5}', '$.amount') > 100 AS small,
                       100 <= JSON_EXTRACT('{"amount":100}', '$.amount') AS reversed,
                       JSON_EXTRACT('{"amount":-2.5}', '$.amount') BETWEEN -3 AND 0 AS between,
                       JSON_EXTRACT('{"amount":7}', '$.amount') IN (1, 7) AS listed,
                       JSON_EXTRACT('{"amount":"lots"}', '$.amount') > 100 AS text_is_no_number,
                       JSON_EXTRACT('{"at":"2024-10-05"}', '$.at') >= '2024-10-01' AS dates_as_text,
                       JSON_EXTRACT('{"amount":250}', '$.amount') AS amount
                FROM events LIMIT 1""").path("rows").path(0);

        assertThat(row.toString()).isEqualTo("{\"big\":true,\"small\":false,\"reversed\":true,\"between\":true,"
                + "\"listed\":true,\"text_is_no_number\":null,\"dates_as_text\":true,\"amount\":\"250\"}");
    }

    @Test
    void queriesPastTheConcurrencyLimitAreRefusedAtOnce() throws Exception {
        String slow = "SELECT count(*) FROM events a, events b, events c, events d, events e"
                + " WHERE a.id + b.id + c.id + d.id + e.id = -2";
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = executor.submit(() -> query(slow));
            var second = executor.submit(() -> query(slow));
            // until both slow queries run: the client may send them one after the other at first
            HttpCall.Answer refused;
            long deadline = System.nanoTime() + 2_500_000_000L;
            do {
                Thread.sleep(100);
                refused = query("SELECT 1 AS one FROM events LIMIT 1");
            } while (refused.status() == 200 && System.nanoTime() < deadline);
            assertThat(first.get().status()).as(first.get().toString()).isEqualTo(408);
            assertThat(second.get().status()).as(second.get().toString()).isEqualTo(408);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.errorMessage()).contains("limit of 2 queries");
        }
        assertThat(result("SELECT 1 AS one FROM events LIMIT 1").path("rows").toString()).isEqualTo("[{\"one\":1}]");
    }

    @Test
    void aQueryWithoutLimitSaysWhichLimitApplied() {
        JsonNode result = result("SELECT id FROM events");

        assertThat(result.path("rows").size()).isEqualTo(FILES * ROWS_PER_FILE);
        assertThat(result.path("limit").path("rows").asInt()).isEqualTo(QueryService.DEFAULT_LIMIT);
        assertThat(result("SELECT id FROM events LIMIT 3").has("limit")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_parquet('" + "/etc/passwd" + "')",
            "SELECT * FROM events, read_text('/etc/hostname')",
            "COPY (SELECT * FROM events) TO '/tmp/stolen.csv'",
            "ATTACH '/tmp/other.db' AS other",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET enable_external_access = true",
            "PRAGMA database_list",
            "CREATE TABLE t AS SELECT 1",
            "INSERT INTO events VALUES (1, 'x')",
            "EXPORT DATABASE '/tmp/export'",
            "SELECT 1; SELECT 2",
            "SELECT id FROM events; DROP TABLE events",
    })
    void escapesFromTheSandboxAreRefused(String sql) {
        HttpCall.Answer answer = query(sql);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo(40002);
        assertThat(answer.errorMessage()).isNotBlank().doesNotContain("at org.", "Exception");
        assertThat(result("SELECT count(*) AS n FROM events").path("rows").toString()).isEqualTo("[{\"n\":100}]");
    }

    @Test
    void failuresAnswerWithTheirCodes() {
        HttpCall.Answer syntax = query("SELEC id FROM events");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.errorCode()).isEqualTo(40001);
        assertThat(syntax.errorMessage()).contains("syntax error");

        HttpCall.Answer missing = query("SELECT * FROM nowhere");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorMessage()).contains("default.nowhere", "namespace 'default'");

        HttpCall.Answer column = query("SELECT nothing FROM events");
        assertThat(column.status()).isEqualTo(400);
        assertThat(column.errorMessage()).contains("nothing");

        HttpCall.Answer noToken = HttpCall.request("POST", server.baseUrl() + "/api/v1/accounts/"
                + RunningServer.ACCOUNT + "/r2-sql/query/lake").json(Map.of("query", "SELECT 1")).send();
        assertThat(noToken.status()).isEqualTo(401);
    }

    @Test
    void aQueryPastItsTimeOrMemoryIsStoppedAndTheServerStaysHealthy() {
        HttpCall.Answer slow = query("SELECT count(*) FROM events a, events b, events c, events d, events e"
                + " WHERE a.id + b.id + c.id + d.id + e.id = -1");
        assertThat(slow.status()).as(slow.toString()).isEqualTo(408);
        assertThat(slow.errorCode()).isEqualTo(40801);

        HttpCall.Answer big = query("SELECT list(a.name || b.name || c.name || d.name) FROM events a, events b,"
                + " events c, events d WHERE d.id < 20");
        assertThat(big.status()).as(big.toString()).isEqualTo(422);
        assertThat(big.errorCode()).isEqualTo(42201);

        HttpCall.Answer tooMany = query("SELECT a.id FROM events a, events b, events c LIMIT " + (QuerySandbox.MAX_ROWS + 1));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(422);
        assertThat(tooMany.errorMessage()).contains("more than " + QuerySandbox.MAX_ROWS + " rows");

        assertThat(result("SELECT count(*) AS n FROM events").path("rows").toString()).isEqualTo("[{\"n\":100}]");
    }
}
