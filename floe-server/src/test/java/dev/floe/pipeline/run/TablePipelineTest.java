package dev.floe.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines into {@code r2_data_catalog} sinks: rows appended to Iceberg tables, read back by
 * Iceberg's own REST client and generic reader, as another engine would.
 */
class TablePipelineTest {
    private static final String TOKEN = "table-token";
    private static final TableIdentifier ORDERS = TableIdentifier.of(Namespace.of("shop"), "orders");

    @TempDir
    Path dataDir;

    private RunningServer server;
    private RESTCatalog catalog;
    private String streamId;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        ok(HttpCall.request("POST", server.r2Url("buckets")).body("{\"name\":\"lake\"}").bearer(TOKEN).send());
        ok(HttpCall.request("POST", server.catalogControlUrl("lake/enable")).bearer(TOKEN).send());
        streamId = ok(HttpCall.request("POST", server.pipelinesUrl("streams")).body("""
                {"name":"orders","schema":{"fields":[{"name":"order_id","type":"string","required":true},
                  {"name":"amount","type":"float64"},{"name":"details","type":"json"}]}}""").bearer(TOKEN).send())
                .path("id").asText();
        catalog = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles());
    }

    @AfterEach
    void stop() throws Exception {
        catalog.close();
        server.close();
    }

    private static JsonNode ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }

    private void tableSink(String name, String table) {
        ok(HttpCall.request("POST", server.pipelinesUrl("sinks")).body("{\"name\":\"" + name + "\","
                + "\"type\":\"r2_data_catalog\",\"config\":{\"bucket\":\"lake\",\"namespace\":\"shop\",\"table_name\":\""
                + table + "\",\"token\":\"catalog-token\",\"rolling_policy\":{\"interval_seconds\":1}}}").bearer(TOKEN).send());
    }

    private Answer pipeline(String name, String sql) {
        return HttpCall.request("POST", server.pipelinesUrl("pipelines")).json(Map.of("name", name, "sql", sql)).bearer(TOKEN).send();
    }

    private void send(int from, int to) {
        StringBuilder body = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append("{\"order_id\":\"o").append(i).append("\",\"amount\":")
                    .append(i).append(".5,\"details\":{\"sku\":\"s").append(i % 4).append("\"}}");
        }
        ok(HttpCall.request("POST", server.baseUrl() + "/ingest/" + streamId).body(body.append(']').toString()).bearer(TOKEN).send());
    }

    private List<Record> rows(TableIdentifier id) throws Exception {
        Table table = catalog.loadTable(id);
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(rows::add);
        }
        return rows;
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private int count(TableIdentifier id) {
        try {
            return catalog.tableExists(id) ? rows(id).size() : 0;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPipelineCreatesItsTableAndAppendsEveryRowOnceWithItsOffsetsAndMetrics() throws Exception {
        tableSink("orders_table", "orders");
        ok(pipeline("orders_to_table", """
                INSERT INTO orders_table
                SELECT order_id, amount, json_get_str(details, 'sku') AS sku FROM orders WHERE amount < 300"""));
        assertThat(catalog.tableExists(ORDERS)).as("created with the pipeline").isTrue();
        send(0, 200);
        send(200, 400);

        eventually("300 rows in the table", () -> count(ORDERS) >= 300);
        Thread.sleep(1500);
        List<Record> rows = rows(ORDERS);
        assertThat(rows).hasSize(300);
        assertThat(rows.stream().map(row -> row.getField("order_id")).distinct().count()).isEqualTo(300);
        Record first = rows.stream().filter(row -> row.getField("order_id").equals("o7")).findFirst().orElseThrow();
        assertThat(first.getField("amount")).isEqualTo(7.5);
        assertThat(first.getField("sku")).isEqualTo("s3");
        assertThat(first.getField("__ingest_ts")).isNotNull();

        Table table = catalog.loadTable(ORDERS);
        Schema schema = table.schema();
        assertThat(schema.findField("amount").type()).isEqualTo(Types.DoubleType.get());
        assertThat(schema.findField("__ingest_ts").type()).isEqualTo(Types.TimestampType.withZone());
        assertThat(table.spec().fields()).singleElement().satisfies(field ->
                assertThat(field.transform().toString()).isEqualTo("day"));
        String pipelineId = ok(HttpCall.request("GET", server.pipelinesUrl("pipelines/orders_to_table")).bearer(TOKEN).send())
                .path("id").asText();
        long lastEnd = -1;
        for (Snapshot snapshot = table.currentSnapshot(); snapshot != null;
                snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId())) {
            assertThat(snapshot.summary()).containsEntry("floe.pipeline", pipelineId).containsEntry("floe.sink", "orders_table");
            lastEnd = Math.max(lastEnd, Long.parseLong(snapshot.summary().get("floe.offset-end")));
        }
        assertThat(lastEnd).isEqualTo(400);
        assertThat(table.properties()).as("the offset end that outlives expired snapshots")
                .containsEntry("floe.offset-end." + pipelineId + ".orders_table", "400");

        int amountId = schema.findField("amount").fieldId();
        int skuId = schema.findField("sku").fieldId();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats().planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                assertThat(file.valueCounts()).containsKey(amountId);
                assertThat(file.nullValueCounts()).containsEntry(amountId, 0L);
                assertThat(file.nanValueCounts()).containsEntry(amountId, 0L);
                double lower = Conversions.fromByteBuffer(Types.DoubleType.get(), file.lowerBounds().get(amountId));
                double upper = Conversions.fromByteBuffer(Types.DoubleType.get(), file.upperBounds().get(amountId));
                assertThat(lower).isLessThanOrEqualTo(upper).isGreaterThanOrEqualTo(0.5);
                assertThat(upper).isLessThan(300);
                assertThat(file.lowerBounds()).containsKey(skuId);
                assertThat(file.columnSizes()).containsKey(amountId);
                assertThat(file.partition().get(0, Integer.class)).as(file.partition() + " of " + file.location()).isNotNull();
            }
        }
    }

    @Test
    void aPipelineAppendsToAnExistingTableWhoseSchemaAcceptsItsRowsAndIsRefusedByOneThatDoesNot() throws Exception {
        catalog.createNamespace(Namespace.of("shop"));
        catalog.createTable(TableIdentifier.of(Namespace.of("shop"), "existing"), new Schema(
                Types.NestedField.required(1, "order_id", Types.StringType.get()),
                Types.NestedField.optional(2, "amount", Types.DoubleType.get()),
                Types.NestedField.optional(3, "note", Types.StringType.get())));
        catalog.createTable(TableIdentifier.of(Namespace.of("shop"), "numbers"), new Schema(
                Types.NestedField.required(1, "order_id", Types.LongType.get())));
        tableSink("existing_sink", "existing");
        tableSink("numbers_sink", "numbers");

        Answer refused = pipeline("bad", "INSERT INTO numbers_sink SELECT order_id FROM orders");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("table shop.numbers cannot take the pipeline's rows",
                "column 'order_id' is long, and the pipeline writes string");
        assertThat(HttpCall.request("GET", server.pipelinesUrl("pipelines/bad")).bearer(TOKEN).send().status()).isEqualTo(404);

        ok(pipeline("into_existing", "INSERT INTO existing_sink SELECT order_id, amount FROM orders"));
        send(0, 50);
        TableIdentifier existing = TableIdentifier.of(Namespace.of("shop"), "existing");
        eventually("50 rows in the existing table", () -> count(existing) >= 50);
        Thread.sleep(1500);
        List<Record> rows = rows(existing);
        assertThat(rows).hasSize(50).allSatisfy(row -> assertThat(row.getField("note")).isNull());
        assertThat(catalog.loadTable(existing).schema().columns()).hasSize(3);
    }

    @Test
    void aPipelineWhoseTableIsDroppedFailsAndSaysWhy() throws Exception {
        tableSink("orders_table", "orders");
        ok(pipeline("orders_to_table", "INSERT INTO orders_table SELECT order_id FROM orders"));
        send(0, 10);
        eventually("the first rows", () -> count(ORDERS) >= 10);

        catalog.dropTable(ORDERS, true);
        send(10, 20);
        JsonNode status = ok(HttpCall.request("GET", server.pipelinesUrl("pipelines/orders_to_table")).bearer(TOKEN).send());
        for (int i = 0; i < 100 && status.path("status").asText().equals("running"); i++) {
            Thread.sleep(100);
            status = ok(HttpCall.request("GET", server.pipelinesUrl("pipelines/orders_to_table")).bearer(TOKEN).send());
        }
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("failure_reason").asText()).contains("table shop.orders was dropped");
    }
}
