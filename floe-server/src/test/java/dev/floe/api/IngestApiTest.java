package dev.floe.api;

import static dev.floe.api.StreamsApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.stream.log.LogRecord;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOKEN = "ingest-token";
    private static final String VALID_EVERY_TYPE = """
            {"s":"hello","b":true,"i32":-2147483648,"i64":"9223372036854775807","u32":4294967295,
             "u64":"18446744073709551615","f32":1.5,"f64":-2.25e100,"d":"12345678.90",
             "ts_s":1700000000,"ts_ms":1700000000000,"ts_us":1700000000000000,"ts_ns":1700000000000000000,
             "ts_rfc":"2024-01-08T12:00:00.123+01:00","j":{"any":["thing",1,null]},"bin":"aGVsbG8=",
             "tags":["a","b"],"user":{"id":7,"address":{"zip":"10115"},"scores":[1.0,2.5]},"extra":"kept"}""";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN, "max-request-bytes", "64KiB"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode createStream(String body) {
        Answer answer = HttpCall.request("POST", server.pipelinesUrl("streams")).bearer(TOKEN).body(body).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }

    private JsonNode everyTypeStream(boolean authentication) {
        return createStream("{\"name\":\"every_type\",\"http\":{\"enabled\":true,\"authentication\":" + authentication
                + ",\"cors\":{\"origins\":[\"https://app.example.com\"]}},\"schema\":"
                + StreamsApiTest.EVERY_TYPE_SCHEMA + "}");
    }

    private List<LogRecord> readAll(JsonNode stream) {
        var definition = server.server().streams().get(stream.path("id").asText());
        return server.server().streams().log(definition).read(0, 100_000, Long.MAX_VALUE);
    }

    private static Answer post(JsonNode stream, String body) {
        return HttpCall.request("POST", stream.path("endpoint").asText()).body(body).send();
    }

    @Test
    void acceptedRecordsAreReadBackExactlyAsSent() throws Exception {
        JsonNode stream = everyTypeStream(false);
        String second = VALID_EVERY_TYPE.replace("\"hello\"", "\"world\"").replace("\"b\":true", "\"b\":null");

        Answer answer = post(stream, "[" + VALID_EVERY_TYPE + "," + second + "]");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode result = answer.json().path("result");
        assertThat(result.path("committed").asInt()).isEqualTo(2);
        assertThat(result.path("appended").asInt()).isEqualTo(2);
        assertThat(result.path("first_offset").asLong()).isZero();
        List<LogRecord> records = readAll(stream);
        assertThat(records).hasSize(2);
        assertThat(new String(records.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo(VALID_EVERY_TYPE);
        assertThat(new String(records.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo(second);
        assertThat(records.get(1).offset()).isEqualTo(1);
        assertThat(records.get(0).ingestTimeMillis()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void ndjsonAndSingleObjectsAreAccepted() {
        JsonNode stream = createStream("{\"name\":\"flat\",\"http\":{\"authentication\":false},"
                + "\"schema\":{\"fields\":[{\"name\":\"n\",\"type\":\"int32\",\"required\":true}]}}");

        assertThat(post(stream, "{\"n\":1}\n{\"n\":2}\n\n{\"n\":3}\n").json().path("result").path("committed").asInt())
                .isEqualTo(3);
        assertThat(post(stream, "{\"n\":4}").json().path("result").path("committed").asInt()).isEqualTo(1);
        assertThat(post(stream, "[]").json().path("result").path("committed").asInt()).isZero();

        assertThat(readAll(stream)).extracting(r -> MAPPER.readTree(r.payload()).path("n").asInt())
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void aRequestWithAnyInvalidRecordIsRejectedWholeAndNamesEachOne() {
        JsonNode stream = everyTypeStream(false);
        String missing = VALID_EVERY_TYPE.replace("\"s\":\"hello\",", "");
        String mismatch = VALID_EVERY_TYPE.replace("\"i32\":-2147483648", "\"i32\":\"abc\"");
        String badTimestamp = VALID_EVERY_TYPE.replace("2024-01-08T12:00:00.123+01:00", "yesterday");
        String nullRequired = VALID_EVERY_TYPE.replace("\"zip\":\"10115\"", "\"zip\":null");

        Answer answer = post(stream, "[" + VALID_EVERY_TYPE + "," + missing + "," + mismatch + ","
                + badTimestamp + "," + nullRequired + "]");

        assertError(answer, 400, 1002, "4 of 5 records are invalid");
        assertThat(answer.errorMessage()).contains("nothing was written");
        JsonNode errors = answer.json().path("result").path("record_errors");
        assertThat(answer.json().path("result").path("total_record_errors").asInt()).isEqualTo(4);
        assertThat(errors).hasSize(4);
        assertRecordError(errors.get(0), 1, "s", "missing_field");
        assertRecordError(errors.get(1), 2, "i32", "type_mismatch");
        assertRecordError(errors.get(2), 3, "ts_rfc", "parse_failure");
        assertRecordError(errors.get(3), 4, "user.address.zip", "null_value");
        assertThat(readAll(stream)).isEmpty();
    }

    private static void assertRecordError(JsonNode error, int index, String field, String kind) {
        assertThat(error.path("index").asInt()).as(error.toString()).isEqualTo(index);
        assertThat(error.path("field").asText()).as(error.toString()).isEqualTo(field);
        assertThat(error.path("kind").asText()).as(error.toString()).isEqualTo(kind);
        assertThat(error.path("message").asText()).isNotBlank();
    }

    @Test
    void unstructuredStreamsKeepAnyJsonWhole() throws Exception {
        JsonNode stream = createStream("{\"name\":\"raw\",\"http\":{\"authentication\":false}}");

        Answer answer = post(stream, "[{\"a\":{\"deep\":[1,2,{\"x\":null}]}},\"just a string\",42]");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(readAll(stream)).extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                .containsExactly("{\"a\":{\"deep\":[1,2,{\"x\":null}]}}", "\"just a string\"", "42");
    }

    @Test
    void authenticatedStreamsNeedTheToken() {
        JsonNode stream = everyTypeStream(true);

        assertError(post(stream, "[" + VALID_EVERY_TYPE + "]"), 401, 10000, "Bearer");
        assertError(HttpCall.request("POST", stream.path("endpoint").asText()).bearer("wrong")
                .body("[" + VALID_EVERY_TYPE + "]").send(), 401, 10000, "not valid");
        Answer ok = HttpCall.request("POST", stream.path("endpoint").asText()).bearer(TOKEN)
                .body("[" + VALID_EVERY_TYPE + "]").send();
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(readAll(stream)).hasSize(1);
    }

    @Test
    void oversizedRequestsGet413AndNothingIsWritten() {
        JsonNode stream = createStream("{\"name\":\"big\",\"http\":{\"authentication\":false}}");
        String big = "[" + "{\"pad\":\"" + "x".repeat(70_000) + "\"}" + "]";

        assertError(post(stream, big), 413, 1013, "larger than the limit of 65536 bytes");
        assertThat(readAll(stream)).isEmpty();
        assertThat(post(stream, "[{\"small\":1}]").status()).isEqualTo(200);
    }

    @Test
    void gzipBodiesAreAcceptedAndTheirUnpackedSizeIsLimited() throws Exception {
        JsonNode stream = createStream("{\"name\":\"zipped\",\"http\":{\"authentication\":false}}");

        Answer ok = HttpCall.request("POST", stream.path("endpoint").asText()).header("Content-Encoding", "gzip")
                .body(gzip("[{\"a\":1},{\"a\":2}]")).send();
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(readAll(stream)).hasSize(2);

        Answer bomb = HttpCall.request("POST", stream.path("endpoint").asText()).header("Content-Encoding", "gzip")
                .body(gzip("[{\"pad\":\"" + "x".repeat(1_000_000) + "\"}]")).send();
        assertError(bomb, 413, 1013, "larger than the limit");
        assertError(HttpCall.request("POST", stream.path("endpoint").asText()).header("Content-Encoding", "br")
                .body("[]").send(), 415, 1015, "Content-Encoding 'br'");
        assertThat(readAll(stream)).hasSize(2);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void unknownStreamsAndDisabledIngestAreRefused() {
        assertError(HttpCall.request("POST", server.baseUrl() + "/ingest/0123456789abcdef0123456789abcdef")
                .body("[]").send(), 404, 1004, "does not exist");

        JsonNode stream = createStream("{\"name\":\"closed\",\"http\":{\"enabled\":false,\"authentication\":false}}");
        assertError(post(stream, "[{\"a\":1}]"), 403, 10001, "HTTP ingest is disabled");
        assertThat(readAll(stream)).isEmpty();
    }

    @Test
    void corsOriginsArePerStream() {
        JsonNode stream = everyTypeStream(false);
        String endpoint = stream.path("endpoint").asText();

        Answer preflight = HttpCall.request("OPTIONS", endpoint).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Content-Type", "Floe-Producer-Id");

        Answer allowed = HttpCall.request("POST", endpoint).header("Origin", "https://app.example.com")
                .body("[" + VALID_EVERY_TYPE + "]").send();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");

        assertError(HttpCall.request("OPTIONS", endpoint).header("Origin", "https://evil.example").send(),
                403, 10001, "origin https://evil.example may not post");
        assertError(HttpCall.request("POST", endpoint).header("Origin", "https://evil.example")
                .body("[" + VALID_EVERY_TYPE + "]").send(), 403, 10001, "http.cors.origins");
        assertThat(readAll(stream)).hasSize(1);
    }

    @Test
    void aProducersRetryIsAcknowledgedWithoutBeingAppendedTwice() {
        JsonNode stream = createStream("{\"name\":\"idem\",\"http\":{\"authentication\":false}}");
        String endpoint = stream.path("endpoint").asText();

        Answer first = HttpCall.request("POST", endpoint).header("Floe-Producer-Id", "object-42")
                .header("Floe-Producer-Sequence", "0").body("[{\"n\":0},{\"n\":1},{\"n\":2}]").send();
        Answer retry = HttpCall.request("POST", endpoint).header("Floe-Producer-Id", "object-42")
                .header("Floe-Producer-Sequence", "0").body("[{\"n\":0},{\"n\":1},{\"n\":2}]").send();
        Answer overlapping = HttpCall.request("POST", endpoint).header("Floe-Producer-Id", "object-42")
                .header("Floe-Producer-Sequence", "2").body("[{\"n\":2},{\"n\":3}]").send();

        assertThat(first.json().path("result").path("appended").asInt()).isEqualTo(3);
        assertThat(retry.json().path("result").path("committed").asInt()).isEqualTo(3);
        assertThat(retry.json().path("result").path("duplicates").asInt()).isEqualTo(3);
        assertThat(retry.json().path("result").path("appended").asInt()).isZero();
        assertThat(overlapping.json().path("result").path("appended").asInt()).isEqualTo(1);
        assertThat(readAll(stream)).extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

        assertError(HttpCall.request("POST", endpoint).header("Floe-Producer-Id", "object-42").body("[]").send(),
                400, 1001, "Floe-Producer-Sequence");
        assertError(HttpCall.request("POST", endpoint).header("Floe-Producer-Id", "object-42")
                .header("Floe-Producer-Sequence", "-1").body("[]").send(), 400, 1001, "zero or positive");
    }

    private Answer postBatches(String stream, String body) {
        return HttpCall.request("POST", server.pipelinesUrl("streams/" + stream + "/producer_batches")).bearer(TOKEN)
                .body(body).send();
    }

    private static String batch(String producer, long firstSequence, int... values) {
        StringBuilder records = new StringBuilder();
        for (int value : values) {
            records.append(records.isEmpty() ? "" : ",").append("{\"n\":").append(value).append('}');
        }
        return "{\"producer_id\":\"" + producer + "\",\"first_sequence\":" + firstSequence + ",\"records\":["
                + records + "]}";
    }

    private static void assertBatchResult(JsonNode result, int appended, int duplicates) {
        assertThat(result.path("appended").asInt()).as(result.toString()).isEqualTo(appended);
        assertThat(result.path("duplicates").asInt()).as(result.toString()).isEqualTo(duplicates);
        assertThat(result.path("committed").asInt()).as(result.toString()).isEqualTo(appended + duplicates);
    }

    private static JsonNode batchResults(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result").path("batches");
    }

    @Test
    void eachProducersBatchIsDeduplicatedAsARequestOfItsOwn() {
        JsonNode stream = createStream("{\"name\":\"many\",\"http\":{\"enabled\":false}}");
        String first = "[" + batch("a", 0, 0, 1, 2) + "," + batch("b", 0, 10, 11) + "]";

        JsonNode sent = batchResults(postBatches("many", first));
        JsonNode repeated = batchResults(postBatches("many", first));
        JsonNode mixed = batchResults(postBatches("many", "[" + batch("b", 0, 10, 11) + "," + batch("a", 2, 2, 3)
                + "," + batch("c", 5, 20) + "]"));

        assertThat(sent).hasSize(2);
        assertBatchResult(sent.get(0), 3, 0);
        assertBatchResult(sent.get(1), 2, 0);
        assertThat(sent.get(0).path("first_offset").asLong()).isZero();
        assertThat(sent.get(1).path("first_offset").asLong()).isEqualTo(3);
        assertBatchResult(repeated.get(0), 0, 3);
        assertBatchResult(repeated.get(1), 0, 2);
        assertBatchResult(mixed.get(0), 0, 2);
        assertBatchResult(mixed.get(1), 1, 1);
        assertBatchResult(mixed.get(2), 1, 0);
        assertThat(mixed.get(1).path("first_offset").asLong()).isEqualTo(5);
        assertThat(readAll(stream)).extracting(r -> MAPPER.readTree(r.payload()).path("n").asInt())
                .containsExactly(0, 1, 2, 10, 11, 3, 20);
    }

    @Test
    void batchesOfOneProducerInOneRequestFollowEachOther() {
        JsonNode stream = createStream("{\"name\":\"ordered\",\"http\":{\"enabled\":false}}");

        JsonNode results = batchResults(postBatches("ordered", "[" + batch("a", 0, 0, 1) + "," + batch("a", 1, 1, 2)
                + "," + batch("a", 0, 0) + "," + batch("b", 0) + "]"));

        assertBatchResult(results.get(0), 2, 0);
        assertBatchResult(results.get(1), 1, 1);
        assertBatchResult(results.get(2), 0, 1);
        assertBatchResult(results.get(3), 0, 0);
        assertThat(readAll(stream)).extracting(r -> MAPPER.readTree(r.payload()).path("n").asInt())
                .containsExactly(0, 1, 2);
    }

    @Test
    void aBadBatchRefusesTheWholeRequestAndSaysWhichOneAndWhy() {
        JsonNode stream = createStream("{\"name\":\"checked\",\"http\":{\"enabled\":false},"
                + "\"schema\":{\"fields\":[{\"name\":\"n\",\"type\":\"int32\",\"required\":true}]}}");
        String good = batch("a", 0, 1);

        assertError(postBatches("checked", "[" + good + ",{\"first_sequence\":0,\"records\":[]}]"), 400, 1001,
                "batch 1 lacks producer_id");
        assertError(postBatches("checked", "[" + good + ",{\"producer_id\":\"b\",\"records\":[]}]"), 400, 1001,
                "batch 1 lacks first_sequence");
        assertError(postBatches("checked", "[{\"producer_id\":\"b\",\"first_sequence\":0}]"), 400, 1001,
                "batch 0 lacks records");
        assertError(postBatches("checked", "[" + batch("b", -1, 1) + "]"), 400, 1001,
                "first_sequence must be a whole number");
        assertError(postBatches("checked", "[{\"producer_id\":\"b\",\"first_sequence\":\"7\",\"records\":[]}]"),
                400, 1001, "first_sequence must be a whole number");
        assertError(postBatches("checked", "[{\"producer_id\":\"b\",\"first_sequence\":99999999999999999999,"
                + "\"records\":[]}]"), 400, 1001, "first_sequence must be a whole number");
        assertError(postBatches("checked", "[" + good + "," + batch("with space", 0, 1) + "]"), 400, 1001,
                "batch 1: producer id must be printable ASCII");
        assertError(postBatches("checked", "[" + good.replace("\"records\"", "\"rows\"") + "]"), 400, 1001,
                "unknown field 'rows'");
        assertError(postBatches("checked", "[" + good.replace("}", ",\"producer_id\":\"x\"}") + "]"), 400, 1001,
                "producer_id twice");
        assertError(postBatches("checked", "[[]]"), 400, 1001, "batch 0 is not a JSON object");
        assertError(postBatches("checked", good), 400, 1001, "not a valid list of producer batches");
        assertError(postBatches("checked", "[" + good + "] []"), 400, 1001, "unexpected content after the array");
        assertError(postBatches("checked", "[" + good + ","), 400, 1001, "not valid JSON");

        Answer invalid = postBatches("checked", "[" + good + "," + batch("b", 0, 1).replace("{\"n\":1}",
                "{\"n\":1},{\"n\":\"x\"}") + "]");
        assertError(invalid, 400, 1002, "batch 1 (producer b): 1 of 2 records is invalid; nothing was written");
        assertRecordError(invalid.json().path("result").path("record_errors").get(0), 1, "n", "type_mismatch");

        assertError(postBatches("checked", "[" + batch("a", 0, 1).replace("{\"n\":1}",
                "{\"pad\":\"" + "x".repeat(70_000) + "\"}") + "]"), 413, 1013, "larger than the limit");
        assertThat(readAll(stream)).isEmpty();

        HttpCall.request("PATCH", server.pipelinesUrl("streams/checked")).bearer(TOKEN)
                .body("{\"worker_binding\":{\"enabled\":false}}").send();
        assertError(postBatches("checked", "[" + good + "]"), 403, 10001, "bindings may not send");
        assertError(HttpCall.request("POST", server.pipelinesUrl("streams/checked/producer_batches"))
                .body("[" + good + "]").send(), 401, 10000, "Bearer");
        assertThat(readAll(stream)).isEmpty();
    }

    @Test
    void theBindingRouteUsesTheControlPlaneTokenAndTheBindingSetting() {
        JsonNode stream = createStream("{\"name\":\"bound\",\"http\":{\"enabled\":false}}");
        String route = server.pipelinesUrl("streams/bound/records");

        assertError(HttpCall.request("POST", route).body("[{\"a\":1}]").send(), 401, 10000, "Bearer");
        Answer ok = HttpCall.request("POST", route).bearer(TOKEN).body("[{\"a\":1}]").send();
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);

        HttpCall.request("PATCH", server.pipelinesUrl("streams/bound")).bearer(TOKEN)
                .body("{\"worker_binding\":{\"enabled\":false}}").send();
        assertError(HttpCall.request("POST", route).bearer(TOKEN).body("[{\"a\":2}]").send(), 403, 10001,
                "bindings may not send");
        assertThat(readAll(stream)).hasSize(1);
    }

    @Test
    void metricsCountAcceptedRecordsAndRejectionsByKind() {
        JsonNode stream = createStream("{\"name\":\"counted\",\"http\":{\"authentication\":false},"
                + "\"schema\":{\"fields\":[{\"name\":\"n\",\"type\":\"int32\"}]}}");
        post(stream, "[{\"n\":1},{\"n\":2}]");
        post(stream, "[{\"n\":\"x\"}]");
        post(stream, "[{\"pad\":\"" + "x".repeat(70_000) + "\"}]");

        String metrics = HttpCall.request("GET", server.baseUrl() + "/metrics").send().text();

        assertThat(metrics).contains("floe_stream_records_accepted_total{stream=\"counted\"} 2.0");
        assertThat(metrics).contains("floe_stream_requests_rejected_total{reason=\"invalid_records\",stream=\"counted\"} 1.0");
        assertThat(metrics).contains("floe_stream_requests_rejected_total{reason=\"payload_too_large\",stream=\"counted\"} 1.0");
    }
}
