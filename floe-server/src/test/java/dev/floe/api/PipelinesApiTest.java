package dev.floe.api;

import static dev.floe.api.StreamsApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /pipelines/v1/pipelines}: pipelines are created from SQL, listed, read, refused changes and deleted. */
class PipelinesApiTest {
    private static final String TOKEN = "pipeline-token";
    private static final String SQL = """
            INSERT INTO orders_sink
            SELECT user_id, amount * 2 AS doubled, placed_at, tags
            FROM orders""";

    @TempDir
    Path dataDir;

    private RunningServer server;
    private String streamId;
    private String sinkId;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        streamId = ok(call("POST", "streams").body("""
                {"name":"orders","schema":{"fields":[
                  {"name":"user_id","type":"string","required":true},{"name":"amount","type":"float64"},
                  {"name":"placed_at","type":"timestamp"},{"name":"tags","type":"list","items":{"type":"string"}}]}}""")
                .send()).path("id").asText();
        ok(HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).body("{\"name\":\"lake\"}").send());
        sinkId = createSink("orders_sink");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpCall call(String method, String path) {
        return HttpCall.request(method, server.pipelinesUrl(path)).bearer(TOKEN);
    }

    private static JsonNode ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }

    private String createSink(String name) {
        return ok(call("POST", "sinks").body("{\"name\":\"" + name + "\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\"}}")
                .send()).path("id").asText();
    }

    private Answer create(String name, String sql) {
        return call("POST", "pipelines").json(Map.of("name", name, "sql", sql)).send();
    }

    private int pipelineCount() {
        return call("GET", "pipelines").send().json().path("result_info").path("total_count").asInt();
    }

    @Test
    void createListGetAndDelete() {
        JsonNode created = ok(create("orders_pipeline", SQL));
        String id = created.path("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(created.path("name").asText()).isEqualTo("orders_pipeline");
        assertThat(created.path("sql").asText()).isEqualTo(SQL);
        assertThat(created.path("status").asText()).isEqualTo("running");
        assertThat(created.has("failure_reason")).isFalse();
        assertThat(created.path("created_at").asText()).isNotEmpty().isEqualTo(created.path("modified_at").asText());

        Answer listed = call("GET", "pipelines").send();
        assertThat(ok(listed).size()).isEqualTo(1);
        assertThat(ok(listed).get(0).path("id").asText()).isEqualTo(id);
        assertThat(listed.json().path("result_info").path("total_count").asInt()).isEqualTo(1);

        JsonNode byName = ok(call("GET", "pipelines/orders_pipeline").send());
        assertThat(byName.path("id").asText()).isEqualTo(id);
        JsonNode tables = ok(call("GET", "pipelines/" + id).send()).path("tables");
        assertThat(tables.size()).isEqualTo(2);
        assertThat(tables.get(0).path("type").asText()).isEqualTo("stream");
        assertThat(tables.get(0).path("id").asText()).isEqualTo(streamId);
        assertThat(tables.get(0).path("name").asText()).isEqualTo("orders");
        assertThat(tables.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(tables.get(0).path("latest").asInt()).isEqualTo(1);
        assertThat(tables.get(1).path("type").asText()).isEqualTo("sink");
        assertThat(tables.get(1).path("id").asText()).isEqualTo(sinkId);
        assertThat(tables.get(1).path("name").asText()).isEqualTo("orders_sink");

        assertThat(call("DELETE", "pipelines/" + id).send().status()).isEqualTo(200);
        assertError(call("GET", "pipelines/" + id).send(), 404, 1004, "pipeline '" + id + "' does not exist");
        assertThat(pipelineCount()).isZero();
    }

    @Test
    void listPages() {
        for (int i = 0; i < 3; i++) {
            createSink("sink" + i);
            ok(create("p" + i, "INSERT INTO sink" + i + " SELECT * FROM orders"));
        }
        Answer page = call("GET", "pipelines?page=2&per_page=2").send();
        assertThat(ok(page).size()).isEqualTo(1);
        assertThat(ok(page).get(0).path("name").asText()).isEqualTo("p2");
        assertThat(page.json().path("result_info").path("total_count").asInt()).isEqualTo(3);
    }

    @Test
    void sqlThatDoesNotCompileIsRefusedWithItsPositionAndNothingIsCreated() throws Exception {
        assertError(create("bad", "INSERT INTO orders_sink\nSELECT user_idd FROM orders"), 400, 1001, "line 2, column 8");
        assertError(create("bad", "INSERT INTO orders_sink SELECT * FROM nowhere"), 400, 1001,
                "unknown stream 'nowhere'");
        assertError(create("bad", "INSERT INTO orders_sink SELECT user_id, count(*) FROM orders GROUP BY user_id"),
                400, 1001, "GROUP BY");
        assertError(create("bad-name", SQL), 400, 1001, "letters, digits and underscores");
        assertError(call("POST", "pipelines").body("{\"name\":\"bad\"}").send(), 400, 1001, "'sql' is required");

        assertThat(pipelineCount()).isZero();
        try (var files = Files.list(dataDir.resolve("pipelines"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aNameInUseOrASinkWithAWriterIsAConflict() {
        String first = ok(create("orders_pipeline", SQL)).path("id").asText();

        assertError(create("orders_pipeline", "INSERT INTO orders_sink SELECT * FROM orders"), 409, 1009,
                "a pipeline named 'orders_pipeline' already exists");
        assertError(create("second_writer", "INSERT INTO orders_sink SELECT * FROM orders"), 409, 1009,
                "sink 'orders_sink' is already written by pipeline 'orders_pipeline' (id " + first + ")");
        assertThat(pipelineCount()).isEqualTo(1);
    }

    @Test
    void statementsWritingOneSinkMustWriteTheSameColumns() {
        assertError(create("two", "INSERT INTO orders_sink SELECT user_id FROM orders;\n"
                + "INSERT INTO orders_sink SELECT amount FROM orders"), 400, 1001, "line 2, column 1");
        ok(create("two", "INSERT INTO orders_sink SELECT user_id FROM orders WHERE amount > 10;\n"
                + "INSERT INTO orders_sink SELECT user_id FROM orders WHERE amount < 1"));
    }

    @Test
    void pipelinesCannotBeChanged() {
        ok(create("orders_pipeline", SQL));
        for (String method : List.of("PATCH", "PUT")) {
            Answer refused = call(method, "pipelines/orders_pipeline").body("{\"sql\":\"x\"}").send();
            assertError(refused, 405, 1005, "pipelines are immutable; delete it and create it again");
            assertThat(refused.header("Allow")).isEqualTo("GET, DELETE");
        }
        assertThat(ok(call("GET", "pipelines/orders_pipeline").send()).path("sql").asText()).isEqualTo(SQL);
    }

    @Test
    void aSinkShowsTheSchemaItsPipelineWrites() {
        assertThat(ok(call("GET", "sinks/orders_sink").send()).path("schema").isNull()).isTrue();
        ok(create("orders_pipeline", SQL));

        JsonNode fields = ok(call("GET", "sinks/orders_sink").send()).path("schema").path("fields");
        List<String> described = new ArrayList<>();
        fields.forEach(field -> described.add(field.path("name").asText() + ":" + field.path("type").asText()));
        assertThat(described).containsExactly("user_id:string", "doubled:float64", "placed_at:timestamp", "tags:list");
        assertThat(fields.get(2).path("unit").asText()).isEqualTo("microsecond");
        assertThat(fields.get(3).path("items").path("type").asText()).isEqualTo("string");
        assertThat(ok(call("GET", "sinks").send()).get(0).path("schema").path("fields").size()).isEqualTo(4);
    }

    @Test
    void streamsAndSinksListByPipeline() {
        String id = ok(create("orders_pipeline", SQL)).path("id").asText();
        createSink("unused_sink");
        ok(call("POST", "streams").body("{\"name\":\"unused_stream\"}").send());

        JsonNode sinks = ok(call("GET", "sinks?pipeline_id=" + id).send());
        assertThat(sinks.size()).isEqualTo(1);
        assertThat(sinks.get(0).path("id").asText()).isEqualTo(sinkId);
        JsonNode streams = ok(call("GET", "streams?pipeline_id=" + id).send());
        assertThat(streams.size()).isEqualTo(1);
        assertThat(streams.get(0).path("id").asText()).isEqualTo(streamId);
        assertThat(ok(call("GET", "streams").send()).size()).isEqualTo(2);
    }

    @Test
    void whatAPipelineUsesIsNotDeletedUnderIt() {
        String id = ok(create("orders_pipeline", SQL)).path("id").asText();

        assertError(call("DELETE", "sinks/orders_sink").send(), 409, 1009,
                "sink 'orders_sink' is written by pipeline 'orders_pipeline' (id " + id + "); delete that pipeline first");
        assertError(call("DELETE", "streams/orders").send(), 409, 1009,
                "stream 'orders' is read by pipeline 'orders_pipeline' (id " + id + "); delete that pipeline first, "
                        + "or delete the stream with force=true");

        ok(call("DELETE", "pipelines/orders_pipeline").send());
        ok(call("DELETE", "sinks/orders_sink").send());
        ok(call("DELETE", "streams/orders").send());
    }

    @Test
    void pipelinesSurviveARestartAndOneWhoseStreamIsGoneShowsWhyItFailed() {
        String kept = ok(create("orders_pipeline", SQL)).path("id").asText();
        ok(call("POST", "streams").body("{\"name\":\"clicks\"}").send());
        createSink("clicks_sink");
        String orphaned = ok(create("clicks_pipeline", "INSERT INTO clicks_sink SELECT value FROM clicks")).path("id")
                .asText();
        ok(call("DELETE", "streams/clicks?force=true").send());

        server.close();
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));

        JsonNode running = ok(call("GET", "pipelines/" + kept).send());
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("sql").asText()).isEqualTo(SQL);
        assertThat(running.path("tables").size()).isEqualTo(2);
        assertThat(ok(call("GET", "sinks/orders_sink").send()).path("schema").path("fields").size()).isEqualTo(4);

        JsonNode failed = ok(call("GET", "pipelines/" + orphaned).send());
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("failure_reason").asText()).contains("no longer compiles", "unknown stream 'clicks'");
        assertThat(ok(call("GET", "pipelines").send()).size()).isEqualTo(2);

        ok(call("DELETE", "pipelines/" + orphaned).send());
        ok(call("DELETE", "sinks/clicks_sink").send());
    }

    @Test
    void aRunningPipelineWhoseStreamIsDeletedWithForceFailsAndSaysWhy() throws Exception {
        ok(call("POST", "streams").body("{\"name\":\"clicks\"}").send());
        createSink("clicks_sink");
        String id = ok(create("clicks_pipeline", "INSERT INTO clicks_sink SELECT value FROM clicks")).path("id").asText();
        assertThat(ok(call("GET", "pipelines/" + id).send()).path("status").asText()).isEqualTo("running");

        ok(call("DELETE", "streams/clicks?force=true").send());

        JsonNode pipeline = ok(call("GET", "pipelines/" + id).send());
        for (int i = 0; i < 100 && pipeline.path("status").asText().equals("running"); i++) {
            Thread.sleep(50);
            pipeline = ok(call("GET", "pipelines/" + id).send());
        }
        assertThat(pipeline.path("status").asText()).isEqualTo("failed");
        assertThat(pipeline.path("failure_reason").asText()).contains("clicks");
        ok(call("DELETE", "pipelines/" + id).send());
        ok(call("DELETE", "sinks/clicks_sink").send());
    }
}
