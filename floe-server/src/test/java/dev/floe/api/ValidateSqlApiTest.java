package dev.floe.api;

import static dev.floe.api.StreamsApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate_sql} compiles pipeline SQL against the streams and sinks that exist. */
class ValidateSqlApiTest {
    @TempDir
    static Path dataDir;

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir);
        assertThat(HttpCall.request("POST", server.pipelinesUrl("streams")).body("""
                {"name":"do_events_stream","schema":{"fields":[
                  {"name":"ns","type":"string","required":true},{"name":"verb","type":"string","required":true},
                  {"name":"source","type":"string"},{"name":"sourceType","type":"string"},{"name":"data","type":"json"},
                  {"name":"actionId","type":"string"},{"name":"timestamp","type":"timestamp"}]}}""").send().status())
                .isEqualTo(200);
        HttpCall.request("POST", server.r2Url("buckets")).body("{\"name\":\"lake\"}").send();
        assertThat(HttpCall.request("POST", server.pipelinesUrl("sinks"))
                .body("{\"name\":\"do_events_sink\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\"}}").send().status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Answer validate(String sql) {
        return HttpCall.request("POST", server.pipelinesUrl("validate_sql"))
                .json(java.util.Map.of("sql", sql)).send();
    }

    @Test
    void theSeedsEventsPipelineValidatesAndShowsWhatItWrites() {
        Answer answer = validate("""
                INSERT INTO do_events_sink
                SELECT verb, ns || '/' || source AS source, ns || '/' || sourceType AS sourceType,
                       data, actionId, timestamp
                FROM do_events_stream
                WHERE verb != '_internal'""");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode result = answer.json().path("result");
        assertThat(result.path("tables").path("do_events_stream").path("type").asText()).isEqualTo("stream");
        assertThat(result.path("tables").path("do_events_sink").path("type").asText()).isEqualTo("sink");
        JsonNode statement = result.path("statements").get(0);
        assertThat(statement.path("line").asInt()).isEqualTo(1);
        List<String> columns = new ArrayList<>();
        statement.path("schema").path("fields").forEach(field -> columns.add(field.path("name").asText()));
        assertThat(columns).containsExactly("verb", "source", "sourceType", "data", "actionId", "timestamp");
        assertThat(statement.path("schema").path("fields").get(3).path("type").asText()).isEqualTo("JSON");
    }

    @Test
    void problemsAreNamedWithTheirPosition() {
        assertError(validate("INSERT INTO do_events_sink SELECT verb FROM clickz"), 400, 1001, "unknown stream 'clickz'");
        assertError(validate("INSERT INTO nowhere SELECT verb FROM do_events_stream"), 400, 1001, "nowhere");
        assertError(validate("INSERT INTO do_events_sink\nSELECT verbb FROM do_events_stream"), 400, 1001, "line 2");
        assertError(validate("INSERT INTO do_events_sink SELECT verb, count(*) FROM do_events_stream GROUP BY verb"),
                400, 1001, "GROUP BY is not supported");
        assertError(HttpCall.request("POST", server.pipelinesUrl("validate_sql")).body("{}").send(), 400, 1001,
                "'sql' is required");
    }
}
