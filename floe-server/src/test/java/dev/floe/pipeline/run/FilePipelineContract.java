package dev.floe.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import dev.floe.testing.SinkOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines from a stream into file sinks, end to end through the API, checked by reading the files
 * in the bucket back. Run against each kind of bucket.
 */
abstract class FilePipelineContract {
    /** The events waiting for a pipeline in the backlog tests ({@link #readBacklog}). */
    private static final int BACKLOG = 16_000;
    @TempDir
    Path dataDir;
    @TempDir
    Path downloads;

    RunningServer server;
    SinkOutput output;

    /** The body that creates the bucket {@code lake} of this kind. */
    abstract String bucketBody();

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir);
        Answer bucket = HttpCall.request("POST", server.r2Url("buckets")).body(bucketBody()).send();
        assertThat(bucket.status()).as(bucket.toString()).isEqualTo(200);
        created(post("streams", """
                {"name":"orders","schema":{"fields":[
                  {"name":"order_id","type":"string","required":true},{"name":"customer","type":"string"},
                  {"name":"amount","type":"string"},{"name":"details","type":"json"}]}}"""));
        output = new SinkOutput(server.server().buckets().open("lake"), downloads);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Answer post(String path, String body) {
        return HttpCall.request("POST", server.pipelinesUrl(path)).body(body).send();
    }

    static JsonNode created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }

    void sink(String name, String format, String config) {
        created(post("sinks", "{\"name\":\"" + name + "\",\"type\":\"r2\",\"format\":" + format
                + ",\"config\":{\"bucket\":\"lake\"," + config + "}}"));
    }

    JsonNode pipeline(String name, String sql) {
        return created(HttpCall.request("POST", server.pipelinesUrl("pipelines"))
                .json(Map.of("name", name, "sql", sql)).send());
    }

    void send(int from, int to) {
        StringBuilder body = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append("{\"order_id\":\"o").append(i).append("\",\"customer\":\"c")
                    .append(i % 7).append("\",\"amount\":\"").append(i % 10 == 9 ? "n/a" : String.valueOf(i))
                    .append("\",\"details\":{\"sku\":\"s").append(i % 3).append("\",\"qty\":").append(i % 5).append("}}");
        }
        String endpoint = server.server().streams().get("orders").id();
        Answer answer = HttpCall.request("POST", server.baseUrl() + "/ingest/" + endpoint).body(body.append("]").toString())
                .send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    List<Map<String, String>> rows(String prefix, String reader, String select) {
        try {
            return output.rows(prefix, reader, select);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    long count(String prefix, String reader) {
        List<Map<String, String>> rows = rows(prefix, reader, "SELECT count(*) AS n FROM files");
        return rows.isEmpty() ? 0 : Long.parseLong(rows.getFirst().get("n"));
    }

    /** Each file under {@code prefix} holds its rows in offset order, which is {@code order_id}'s numeric order. */
    void assertEachFileInOffsetOrder(String prefix, String reader) throws Exception {
        for (String key : output.keys(prefix)) {
            List<Integer> ids = SinkOutput.query("SELECT order_id FROM " + reader + "('" + output.download(key) + "')")
                    .stream().map(row -> Integer.parseInt(row.get("order_id").substring(1))).toList();
            assertThat(ids).as(key).isSortedAccordingTo(Integer::compare);
        }
    }

    String metrics() {
        return HttpCall.request("GET", server.baseUrl() + "/metrics").send().text();
    }

    @Test
    void aReshapingPipelineWritesEveryKeptEventOnceIntoParquetFilesPartitionedByDay() throws Exception {
        sink("orders_parquet", "{\"type\":\"parquet\",\"compression\":\"zstd\"}",
                "\"path\":\"orders\",\"rolling_policy\":{\"interval_seconds\":1}");
        pipeline("orders_pipeline", """
                INSERT INTO orders_parquet
                SELECT order_id, 'customer/' || customer AS customer, json_get_str(details, 'sku') AS sku,
                       json_get_int(details, 'qty') AS qty
                FROM orders WHERE json_get_int(details, 'qty') > 0""");
        send(0, 500);
        send(500, 1000);

        List<Integer> kept = IntStream.range(0, 1000).filter(i -> i % 5 > 0).boxed().toList();
        eventually("the kept events in files", () -> count("orders/", "read_parquet") >= kept.size());
        Thread.sleep(1500);
        List<Map<String, String>> rows = rows("orders/", "read_parquet",
                "SELECT order_id, customer, sku, qty FROM files ORDER BY CAST(substr(order_id, 2) AS INTEGER)");
        assertThat(rows).hasSize(kept.size());
        assertThat(rows).extracting(row -> row.get("order_id")).containsExactlyElementsOf(kept.stream().map(i -> "o" + i).toList());
        assertThat(rows.get(0)).containsEntry("customer", "customer/c1").containsEntry("sku", "s1").containsEntry("qty", "1");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String day = String.format("orders/year=%d/month=%02d/day=%02d/", today.getYear(), today.getMonthValue(),
                today.getDayOfMonth());
        List<String> keys = output.keys("orders/");
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).satisfiesAnyOf(
                k -> assertThat(k).startsWith(day), k -> assertThat(k).contains("/day=")).endsWith(".parquet"));
        String codecs = SinkOutput.query("SELECT DISTINCT compression FROM parquet_metadata('"
                + output.download(keys.getFirst()) + "')").toString();
        assertThat(codecs).contains("ZSTD");
        assertEachFileInOffsetOrder("orders/", "read_parquet");
        assertThat(metrics()).contains("floe_pipeline_records_in_total{pipeline=\"orders_pipeline\"} 1000.0",
                "floe_pipeline_records_out_total{pipeline=\"orders_pipeline\",sink=\"orders_parquet\"} 800.0",
                "floe_pipeline_records_filtered_total{pipeline=\"orders_pipeline\",sink=\"orders_parquet\"} 200.0",
                "floe_sink_files_written_total{pipeline=\"orders_pipeline\",sink=\"orders_parquet\"} " + keys.size() + ".0",
                "floe_pipeline_lag_records{pipeline=\"orders_pipeline\"} 0.0",
                "floe_pipeline_lag_seconds{pipeline=\"orders_pipeline\"} 0.0");
    }

    @Test
    void oneStreamFansOutToAGzipJsonSinkAndAParquetSinkAndBadRowsGoToDeadLetters() throws Exception {
        sink("amounts", "{\"type\":\"json\",\"compression\":\"gzip\"}", "\"path\":\"amounts\","
                + "\"rolling_policy\":{\"interval_seconds\":1}");
        sink("customers", "{\"type\":\"parquet\"}", "\"path\":\"customers\",\"rolling_policy\":{\"interval_seconds\":1}");
        pipeline("fan_out", """
                INSERT INTO amounts SELECT order_id, CAST(amount AS BIGINT) AS amount FROM orders;
                INSERT INTO customers SELECT order_id, upper(customer) AS customer FROM orders""");
        send(0, 100);

        eventually("both sinks' files", () -> count("amounts/", "read_json") >= 90 && count("customers/", "read_parquet") >= 100);
        Thread.sleep(1500);
        assertThat(count("amounts/", "read_json")).isEqualTo(90);
        assertThat(count("customers/", "read_parquet")).isEqualTo(100);
        assertThat(output.keys("amounts/")).allSatisfy(key -> assertThat(key).endsWith(".json.gz"));
        byte[] first = Files.readAllBytes(output.download(output.keys("amounts/").getFirst()));
        assertThat(first[0] & 0xff).isEqualTo(0x1f);
        assertThat(first[1] & 0xff).isEqualTo(0x8b);

        List<String> deadLetters = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir.resolve("pipeline-state"))) {
            for (Path file : files.filter(file -> file.toString().endsWith(".ndjson")).toList()) {
                deadLetters.addAll(Files.readAllLines(file));
            }
        }
        assertThat(deadLetters).hasSize(10).allSatisfy(line -> assertThat(line)
                .contains("\"sink\":\"amounts\"", "Could not convert string 'n/a'", "\"amount\":\"n/a\""));
        assertThat(metrics()).contains(
                "floe_pipeline_records_dead_lettered_total{pipeline=\"fan_out\",sink=\"amounts\"} 10.0",
                "floe_pipeline_records_out_total{pipeline=\"fan_out\",sink=\"customers\"} 100.0");
    }

    @Test
    void aStatementWritingItsSinkAloneSendsBadRowsToDeadLettersAndKeepsTheOthersInOffsetOrder() throws Exception {
        sink("amounts", "{\"type\":\"json\"}", "\"path\":\"amounts\",\"rolling_policy\":{\"interval_seconds\":1}");
        pipeline("amounts_only", "INSERT INTO amounts SELECT order_id, CAST(amount AS BIGINT) AS amount FROM orders "
                + "WHERE customer <> 'c2'");
        send(0, 100);
        send(100, 200);

        eventually("the good rows", () -> count("amounts/", "read_json") >= 154);
        Thread.sleep(1500);
        assertThat(count("amounts/", "read_json")).isEqualTo(154);
        assertEachFileInOffsetOrder("amounts/", "read_json");
        assertThat(metrics()).contains(
                "floe_pipeline_records_out_total{pipeline=\"amounts_only\",sink=\"amounts\"} 154.0",
                "floe_pipeline_records_dead_lettered_total{pipeline=\"amounts_only\",sink=\"amounts\"} 17.0",
                "floe_pipeline_records_filtered_total{pipeline=\"amounts_only\",sink=\"amounts\"} 29.0",
                "floe_pipeline_lag_records{pipeline=\"amounts_only\"} 0.0");
    }

    @Test
    void aSmallFileSizeRollsManyFilesAndARestartNeitherLosesNorDoublesARow() throws Exception {
        sink("small", "{\"type\":\"json\"}", "\"path\":\"small\",\"file_naming\":{\"strategy\":\"serial\"},"
                + "\"rolling_policy\":{\"interval_seconds\":3600,\"file_size_bytes\":2000,\"inactivity_seconds\":1}");
        pipeline("sized", "INSERT INTO small SELECT order_id, customer FROM orders");
        for (int i = 0; i < 10; i++) {
            send(i * 50, i * 50 + 50);
        }
        eventually("the first 500 rows", () -> count("small/", "read_json") >= 500);
        assertThat(output.keys("small/").size()).isGreaterThan(3);

        server.close();
        server = RunningServer.start(dataDir);
        output = new SinkOutput(server.server().buckets().open("lake"), downloads);
        send(500, 700);
        eventually("all 700 rows", () -> count("small/", "read_json") >= 700);
        Thread.sleep(1500);
        List<Map<String, String>> rows = rows("small/", "read_json",
                "SELECT order_id, count(*) AS copies FROM files GROUP BY order_id HAVING count(*) > 1");
        assertThat(rows).as("rows written twice").isEmpty();
        assertThat(count("small/", "read_json")).isEqualTo(700);
    }

    @Test
    void aBacklogsRollsAreWrittenPartByPartWhileItIsRead() throws Exception {
        readBacklog("parts", "backlog", 1);

        eventually("every event", () -> count("parts/", "read_parquet") >= BACKLOG);
        Thread.sleep(1500);
        assertWrittenOnceInTwoFiles("parts/", "backlog", BACKLOG);
        // the first roll, by size, takes seven of the backlog's batches of up to 150,000 bytes: a part of
        // the first, which teaches the size estimate; one of the next five, once they hold four full
        // batches' bytes; the last at the roll
        String first = output.keys("parts/").stream().sorted().toList().getFirst();
        assertThat(SinkOutput.query("SELECT num_row_groups FROM parquet_file_metadata('" + output.download(first) + "')"))
                .as("the first roll's file, a row group per part").allSatisfy(row ->
                        assertThat(Long.parseLong(row.get("num_row_groups"))).isEqualTo(3));
    }

    @Test
    void aSinksFirstRollBySizeIsAsLargeAsItsTargetAsTheFirstPartTeachesTheEstimate() throws Exception {
        readBacklog("parts", "backlog", 1);

        String first = output.keys("parts/").stream().sorted().toList().getFirst();
        assertThat(Files.size(output.download(first))).as("the first file, against the target of 150,000 bytes,"
                + " where the first guess, files half their input, would have made half of it")
                .isBetween(120_000L, 225_000L);
    }

    @Test
    void eventsThatComeOnceABacklogIsReadJoinTheLastRollsFile() throws Exception {
        readBacklog("parts", "backlog", 4);
        // the rest of the backlog is read by now, and its parts written
        Thread.sleep(500);
        send(BACKLOG, BACKLOG + 10);

        eventually("every event", () -> count("parts/", "read_parquet") >= BACKLOG + 10);
        Thread.sleep(1500);
        assertWrittenOnceInTwoFiles("parts/", "backlog", BACKLOG + 10);
    }

    /**
     * Has a pipeline read {@value #BACKLOG} events that were waiting for it into a Parquet sink, until
     * its first roll, by size. A batch holds no more than the sink's {@code file_size_bytes}, so that
     * the events are a backlog of several batches, the rest of which the next roll, by inactivity,
     * takes. Each row carries part of a digest, which compresses little, so that the rows take about a
     * file and a third.
     */
    private void readBacklog(String sink, String pipeline, int inactivitySeconds) throws InterruptedException {
        sink(sink, "{\"type\":\"parquet\"}", "\"path\":\"" + sink + "\",\"file_naming\":{\"strategy\":\"serial\"},"
                + "\"rolling_policy\":{\"interval_seconds\":3600,\"file_size_bytes\":150000,\"inactivity_seconds\":"
                + inactivitySeconds + "}");
        for (int i = 0; i < BACKLOG / 1000; i++) {
            send(i * 1000, i * 1000 + 1000);
        }
        pipeline(pipeline, "INSERT INTO " + sink + " SELECT order_id, substr(md5(order_id), 1, 16) AS digest FROM orders");
        eventually("the roll by size", () -> !output.keys(sink + "/").isEmpty());
    }

    private void assertWrittenOnceInTwoFiles(String prefix, String pipeline, long events) throws Exception {
        assertThat(count(prefix, "read_parquet")).isEqualTo(events);
        assertThat(rows(prefix, "read_parquet", "SELECT count(DISTINCT order_id) AS n FROM files"))
                .containsExactly(Map.of("n", Long.toString(events)));
        assertThat(output.keys(prefix)).hasSize(2);
        assertEachFileInOffsetOrder(prefix, "read_parquet");
        assertThat(metrics()).contains("floe_pipeline_lag_records{pipeline=\"" + pipeline + "\"} 0.0");
    }

    @Test
    void twoStatementsWritingOneSinkFillItsFilesInOffsetOrder() throws Exception {
        sink("tagged", "{\"type\":\"json\"}", "\"path\":\"tagged\",\"rolling_policy\":{\"interval_seconds\":1}");
        pipeline("tagging", """
                INSERT INTO tagged SELECT order_id, 'every' AS tag FROM orders;
                INSERT INTO tagged SELECT order_id, 'sku0' AS tag FROM orders WHERE json_get_str(details, 'sku') = 's0'""");
        for (int i = 0; i < 4; i++) {
            send(i * 100, i * 100 + 100);
        }

        eventually("both statements' rows", () -> count("tagged/", "read_json") >= 400 + 134);
        Thread.sleep(1500);
        assertThat(count("tagged/", "read_json")).isEqualTo(400 + 134);
        assertEachFileInOffsetOrder("tagged/", "read_json");
    }

    @Test
    void twoPipelinesReadOneStreamEachIntoItsOwnSink() throws Exception {
        sink("all_orders", "{\"type\":\"json\"}", "\"path\":\"all\",\"rolling_policy\":{\"interval_seconds\":1}");
        sink("big_orders", "{\"type\":\"parquet\"}", "\"path\":\"big\",\"rolling_policy\":{\"interval_seconds\":1}");
        send(0, 50);
        pipeline("everything", "INSERT INTO all_orders SELECT * FROM orders");
        pipeline("big_ones", "INSERT INTO big_orders SELECT order_id FROM orders WHERE TRY_CAST(amount AS BIGINT) >= 40");
        send(50, 100);

        eventually("both pipelines' rows", () -> count("all/", "read_json") >= 100 && count("big/", "read_parquet") >= 54);
        Thread.sleep(1500);
        assertThat(count("all/", "read_json")).as("a pipeline reads what the stream held before it").isEqualTo(100);
        assertThat(count("big/", "read_parquet")).isEqualTo(54);
    }

    @Test
    void rowsHeldInABufferUntilTheirRollShowAsLag() throws Exception {
        sink("hourly", "{\"type\":\"json\"}", "\"path\":\"hourly\",\"rolling_policy\":{\"interval_seconds\":3600}");
        pipeline("slow", "INSERT INTO hourly SELECT order_id FROM orders");
        send(0, 30);

        eventually("the events read", () -> metrics().contains(
                "floe_pipeline_records_in_total{pipeline=\"slow\"} 30.0"));
        eventually("a lag of a second", () -> metrics().contains("floe_pipeline_lag_records{pipeline=\"slow\"} 30.0")
                && !metrics().contains("floe_pipeline_lag_seconds{pipeline=\"slow\"} 0.0"));
        assertThat(output.keys("hourly/")).isEmpty();
    }
}
