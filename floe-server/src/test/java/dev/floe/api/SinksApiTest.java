package dev.floe.api;

import static dev.floe.api.StreamsApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksApiTest {
    private static final String TOKEN = "sink-token";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        Answer bucket = HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN)
                .body("{\"name\":\"lake\"}").send();
        assertThat(bucket.status()).as(bucket.toString()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer create(String body) {
        return HttpCall.request("POST", server.pipelinesUrl("sinks")).bearer(TOKEN).body(body).send();
    }

    private HttpCall call(String method, String path) {
        return HttpCall.request(method, server.pipelinesUrl(path)).bearer(TOKEN);
    }

    @Test
    void aMinimalSinkGetsCloudflaresDefaultsAndNeverShowsItsCredentials() throws Exception {
        Answer answer = create("{\"name\":\"events_sink\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\","
                + "\"credentials\":{\"access_key_id\":\"AKIA\",\"secret_access_key\":\"very-secret\"}}}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode sink = answer.json().path("result");
        assertThat(sink.path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(sink.path("type").asText()).isEqualTo("r2");
        assertThat(sink.path("format").path("type").asText()).isEqualTo("parquet");
        assertThat(sink.path("format").path("compression").asText()).isEqualTo("zstd");
        assertThat(sink.path("format").path("row_group_bytes").asLong()).isEqualTo(1L << 30);
        JsonNode config = sink.path("config");
        assertThat(config.path("bucket").asText()).isEqualTo("lake");
        assertThat(config.path("path").asText()).isEmpty();
        assertThat(config.path("partitioning").path("time_pattern").asText()).isEqualTo("year=%Y/month=%m/day=%d");
        assertThat(config.path("rolling_policy").path("interval_seconds").asLong()).isEqualTo(300);
        assertThat(config.path("file_naming").path("strategy").asText()).isEqualTo("uuid");
        assertThat(config.has("credentials")).isFalse();
        assertThat(answer.text()).doesNotContain("very-secret");
        assertThat(call("GET", "sinks/events_sink").send().text()).doesNotContain("very-secret");
        assertThat(call("GET", "sinks").send().text()).doesNotContain("very-secret");

        String stored;
        try (var files = Files.list(dataDir.resolve("sinks"))) {
            stored = Files.readString(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow());
        }
        assertThat(stored).contains("very-secret");
    }

    @Test
    void everySettingIsKeptAndSurvivesRestart() {
        String id = create("""
                {"name":"full","type":"r2","format":{"type":"json","compression":"gzip"},
                 "config":{"bucket":"lake","path":"/events/raw/","partitioning":{"time_pattern":"dt=%Y-%m-%d/hour=%H"},
                           "rolling_policy":{"interval_seconds":60,"file_size_bytes":1048576,"inactivity_seconds":10},
                           "file_naming":{"prefix":"ev-","suffix":".ndjson.gz","strategy":"ulid"}}}""")
                .json().path("result").path("id").asText();

        server.close();
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));

        JsonNode sink = call("GET", "sinks/" + id).send().json().path("result");
        assertThat(sink.path("name").asText()).isEqualTo("full");
        assertThat(sink.path("format").path("type").asText()).isEqualTo("json");
        assertThat(sink.path("format").path("compression").asText()).isEqualTo("gzip");
        assertThat(sink.path("format").has("row_group_bytes")).isFalse();
        JsonNode config = sink.path("config");
        assertThat(config.path("path").asText()).isEqualTo("events/raw");
        assertThat(config.path("partitioning").path("time_pattern").asText()).isEqualTo("dt=%Y-%m-%d/hour=%H");
        assertThat(config.path("rolling_policy").path("interval_seconds").asLong()).isEqualTo(60);
        assertThat(config.path("rolling_policy").path("file_size_bytes").asLong()).isEqualTo(1048576);
        assertThat(config.path("rolling_policy").path("inactivity_seconds").asLong()).isEqualTo(10);
        assertThat(config.path("file_naming").path("prefix").asText()).isEqualTo("ev-");
        assertThat(config.path("file_naming").path("suffix").asText()).isEqualTo(".ndjson.gz");
        assertThat(config.path("file_naming").path("strategy").asText()).isEqualTo("ulid");
    }

    @Test
    void listPagesAndDeleteRemoves() {
        for (int i = 0; i < 3; i++) {
            assertThat(create("{\"name\":\"s" + i + "\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\"}}").status())
                    .isEqualTo(200);
        }
        Answer page = call("GET", "sinks?page=2&per_page=2").send();
        assertThat(page.json().path("result").size()).isEqualTo(1);
        assertThat(page.json().path("result_info").path("total_count").asInt()).isEqualTo(3);

        assertThat(call("DELETE", "sinks/s1").send().status()).isEqualTo(200);
        assertError(call("GET", "sinks/s1").send(), 404, 1004, "sink 's1' does not exist");
        assertThat(call("GET", "sinks").send().json().path("result_info").path("total_count").asInt()).isEqualTo(2);
    }

    @Test
    void invalidSinksAreRefusedNamingTheField() {
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"config\":{\"bucket\":\"missing\"}}"), 400, 1001,
                "bucket 'missing' does not exist");
        assertError(create("{\"name\":\"bad-name\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\"}}"), 400, 1001,
                "letters, digits and underscores");
        assertError(create("{\"name\":\"a\",\"type\":\"kafka\",\"config\":{\"bucket\":\"lake\"}}"), 400, 1001,
                "'type' must be");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\"}"), 400, 1001, "'config' must be a JSON object");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"config\":{}}"), 400, 1001, "'config.bucket' is required");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"format\":{\"type\":\"csv\"},\"config\":{\"bucket\":\"lake\"}}"),
                400, 1001, "'format.type' must be");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"format\":{\"type\":\"parquet\",\"compression\":\"brotli\"},"
                + "\"config\":{\"bucket\":\"lake\"}}"), 400, 1001, "'format.compression' of a parquet sink");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"format\":{\"type\":\"json\",\"compression\":\"zstd\"},"
                + "\"config\":{\"bucket\":\"lake\"}}"), 400, 1001, "'format.compression' of a json sink");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\","
                + "\"rolling_policy\":{\"interval_seconds\":0}}}"), 400, 1001, "interval_seconds' must be a whole number");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\","
                + "\"partitioning\":{\"time_pattern\":\"%Q\"}}}"), 400, 1001, "'%Q' is not supported");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\",\"path\":\"a/../b\"}}"),
                400, 1001, "may not contain '..'");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\","
                + "\"file_naming\":{\"strategy\":\"random\"}}}"), 400, 1001, "serial, uuid, uuid_v7, ulid");
        assertError(create("{\"name\":\"a\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\","
                + "\"credentials\":{\"access_key_id\":\"x\"}}}"), 400, 1001, "secret_access_key");
        assertError(create("{\"name\":\"a\",\"type\":\"r2_data_catalog\",\"config\":{\"bucket\":\"lake\"}}"), 400, 1001,
                "'config.namespace'");
        assertError(create("{\"name\":\"a\",\"type\":\"r2_data_catalog\",\"config\":{\"bucket\":\"lake\","
                + "\"namespace\":\"ns\",\"table_name\":\"t\"}}"), 400, 1001,
                "bucket 'lake' has no data catalog; enable it first (wrangler r2 bucket catalog enable lake)");
        assertError(create("{\"name\":\"a\",\"type\":\"r2_data_catalog\",\"format\":{\"type\":\"json\"},"
                + "\"config\":{\"bucket\":\"lake\",\"namespace\":\"ns\",\"table_name\":\"t\"}}"), 400, 1001,
                "an r2_data_catalog sink writes Parquet");

        create("{\"name\":\"taken\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\"}}");
        assertError(create("{\"name\":\"taken\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\"}}"), 409, 1009,
                "already exists");
        assertThat(call("GET", "sinks").send().json().path("result_info").path("total_count").asInt()).isEqualTo(1);
    }
}
