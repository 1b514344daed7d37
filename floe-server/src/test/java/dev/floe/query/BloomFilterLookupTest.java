package dev.floe.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point lookups over a table a pipeline filled through an {@code r2_data_catalog} sink, whose files
 * carry bloom filters for the id column: a value inside a file's or a row group's min and max that it
 * does not hold is answered without reading it.
 */
class BloomFilterLookupTest {
    private static final String TOKEN = "bloom-token";
    private static final int ORDERS = 20_000;

    private static RunningServer server;

    @BeforeAll
    static void fillATableThroughAPipeline(@TempDir Path dataDir) throws Exception {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        server.createBucketWithCatalog(TOKEN, Map.of("name", "lake"));
        String stream = ok(HttpCall.request("POST", server.pipelinesUrl("streams")).bearer(TOKEN).body("""
                {"name":"orders","schema":{"fields":[{"name":"order_id","type":"string","required":true},
                  {"name":"amount","type":"float64"},{"name":"details","type":"json"}]}}""").send()).path("id").asText();
        // small row groups, so that one file holds many
        ok(HttpCall.request("POST", server.pipelinesUrl("sinks")).bearer(TOKEN).body("""
                {"name":"orders_table","type":"r2_data_catalog","format":{"type":"parquet","row_group_bytes":65536},
                 "config":{"bucket":"lake","namespace":"default","table_name":"orders","token":"t",
                           "rolling_policy":{"interval_seconds":1}}}""").send());
        ok(HttpCall.request("POST", server.pipelinesUrl("pipelines")).bearer(TOKEN).json(Map.of("name", "orders_pipeline",
                "sql", "INSERT INTO orders_table SELECT * FROM orders")).send());
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < ORDERS; i++) {
            // even numbers only: an odd one lies inside some row group's range but is in none
            events.append(i == 0 ? "" : ",").append("{\"order_id\":\"ord-%08d\",\"amount\":%d.5,\"details\":{\"n\":%d}}"
                    .formatted(i * 2, i, i));
        }
        ok(HttpCall.request("POST", server.baseUrl() + "/ingest/" + stream).bearer(TOKEN).body(events.append(']').toString())
                .send());
        awaitRows();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void awaitRows() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpCall.Answer count = query("SELECT count(*) AS n FROM orders");
            if (count.status() == 200 && count.json().path("result").path("rows").path(0).path("n").asInt() == ORDERS) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + ORDERS + " rows: " + count);
            }
            Thread.sleep(200);
        }
    }

    private static JsonNode ok(HttpCall.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }

    private static HttpCall.Answer query(String sql) {
        return HttpCall.request("POST", server.baseUrl() + "/api/v1/accounts/" + RunningServer.ACCOUNT
                + "/r2-sql/query/lake").bearer(TOKEN).json(Map.of("query", sql)).send();
    }

    @Test
    void theSinksFilesCarryBloomFiltersForTheIdColumnOnly() throws Exception {
        List<String> files = new ArrayList<>();
        try (RESTCatalog catalog = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            Table table = catalog.loadTable(TableIdentifier.of(QueryService.DEFAULT_NAMESPACE, "orders"));
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                tasks.forEach(task -> files.add(Path.of(URI.create(task.file().location())).toString()));
            }
        }
        assertThat(files).isNotEmpty();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            for (String file : files) {
                String metadata = "FROM parquet_metadata('" + file + "')";
                try (ResultSet result = statement.executeQuery("SELECT count(DISTINCT row_group_id) FILTER (bloom_filter_length > 0),"
                        + " count(DISTINCT row_group_id), string_agg(DISTINCT path_in_schema, ',') FILTER (bloom_filter_length > 0) "
                        + metadata)) {
                    result.next();
                    assertThat(result.getLong(2)).as("row groups of " + file).isGreaterThan(1);
                    assertThat(result.getLong(1)).as("row groups with a bloom filter").isEqualTo(result.getLong(2));
                    assertThat(result.getString(3)).as("columns with bloom filters").isEqualTo("order_id");
                }
            }
        }
    }

    @Test
    void anAbsentIdInsideTheFilesRangeIsAnsweredWithoutReadingTheFile() {
        JsonNode absent = ok(query("SELECT * FROM orders WHERE order_id = 'ord-00010001'"));
        JsonNode present = ok(query("SELECT order_id, amount FROM orders WHERE order_id = 'ord-00010002'"));

        assertThat(absent.path("rows")).isEmpty();
        assertThat(absent.path("metrics").path("files_scanned").asLong()).isZero();
        assertThat(absent.path("metrics").path("files_pruned_by_bloom_filters").asLong()).isEqualTo(1);
        assertThat(present.path("rows").toString()).isEqualTo("[{\"order_id\":\"ord-00010002\",\"amount\":5001.5}]");
        assertThat(present.path("metrics").path("files_scanned").asLong()).isEqualTo(1);
        assertThat(present.path("metrics").path("files_pruned_by_bloom_filters").asLong()).isZero();
        assertThat(ok(query("EXPLAIN SELECT * FROM orders WHERE order_id = 'ord-00010001'")).path("rows").path(0)
                .path("status").asText()).isEqualTo("pruned by bloom filter");
    }

    @Test
    void rowGroupsWhoseRangeHoldsAnAbsentIdAreSkippedByTheirBloomFilters() {
        // the second id lies in a later row group's range, which the first one's row group does not reach
        JsonNode answer = ok(query("SELECT order_id FROM orders WHERE order_id IN ('ord-00010002', 'ord-00030001')"));

        assertThat(answer.path("rows").toString()).isEqualTo("[{\"order_id\":\"ord-00010002\"}]");
        assertThat(answer.path("metrics").path("files_scanned").asLong()).isEqualTo(1);
        assertThat(answer.path("metrics").path("row_groups_scanned").asLong()).as("min/max would keep two").isEqualTo(1);
        assertThat(answer.path("metrics").path("row_groups_skipped").asLong()).isGreaterThan(1);
    }
}
