package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsApiTest {
    static final String EVERY_TYPE_SCHEMA = """
            {"fields":[
              {"name":"s","type":"string","required":true},
              {"name":"b","type":"bool"},
              {"name":"i32","type":"int32"},
              {"name":"i64","type":"int64"},
              {"name":"u32","type":"uint32"},
              {"name":"u64","type":"uint64"},
              {"name":"f32","type":"float32"},
              {"name":"f64","type":"float64"},
              {"name":"d","type":"decimal128","precision":10,"scale":2},
              {"name":"ts_s","type":"timestamp","unit":"second"},
              {"name":"ts_ms","type":"timestamp","unit":"millisecond"},
              {"name":"ts_us","type":"timestamp","unit":"microsecond"},
              {"name":"ts_ns","type":"timestamp","unit":"nanosecond"},
              {"name":"ts_rfc","type":"timestamp"},
              {"name":"j","type":"json"},
              {"name":"bin","type":"binary"},
              {"name":"tags","type":"list","items":{"type":"string"}},
              {"name":"user","type":"struct","fields":[
                {"name":"id","type":"int64","required":true},
                {"name":"address","type":"struct","fields":[{"name":"zip","type":"string","required":true}]},
                {"name":"scores","type":"list","items":{"type":"float64"}}
              ]}
            ]}""";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOKEN = "secret-token";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpCall call(String method, String path) {
        return HttpCall.request(method, server.pipelinesUrl(path)).bearer(TOKEN);
    }

    private Answer create(String body) {
        return call("POST", "streams").header("Content-Type", "application/json").body(body).send();
    }

    @Test
    void createReturnsTheStreamWithItsEndpointAndNormalizedSchema() throws Exception {
        Answer answer = create("{\"name\":\"every_type\",\"http\":{\"enabled\":true,\"authentication\":false,"
                + "\"cors\":{\"origins\":[\"https://app.example.com\"]}},\"schema\":" + EVERY_TYPE_SCHEMA + "}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode envelope = answer.json();
        assertThat(envelope.path("success").asBoolean()).isTrue();
        assertThat(envelope.path("errors").size()).isZero();
        JsonNode stream = envelope.path("result");
        assertThat(stream.path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(stream.path("name").asText()).isEqualTo("every_type");
        assertThat(stream.path("version").asInt()).isEqualTo(1);
        assertThat(stream.path("endpoint").asText()).isEqualTo(server.baseUrl() + "/ingest/" + stream.path("id").asText());
        assertThat(stream.path("format").path("unstructured").asBoolean()).isFalse();
        assertThat(stream.path("http").path("authentication").asBoolean()).isFalse();
        assertThat(stream.path("http").path("cors").path("origins").get(0).asText()).isEqualTo("https://app.example.com");
        assertThat(stream.path("worker_binding").path("enabled").asBoolean()).isTrue();
        assertThat(stream.path("created_at").asText()).isEqualTo(stream.path("modified_at").asText());

        JsonNode fields = stream.path("schema").path("fields");
        assertThat(fields.size()).isEqualTo(18);
        assertThat(fields.get(0).path("required").asBoolean()).isTrue();
        assertThat(fields.get(8).path("precision").asInt()).isEqualTo(10);
        assertThat(fields.get(8).path("scale").asInt()).isEqualTo(2);
        assertThat(fields.get(11).path("unit").asText()).isEqualTo("microsecond");
        assertThat(fields.get(16).path("items").path("type").asText()).isEqualTo("string");
        assertThat(fields.get(17).path("fields").get(1).path("fields").get(0).path("name").asText()).isEqualTo("zip");
    }

    @Test
    void streamWithoutSchemaIsUnstructured() {
        JsonNode stream = create("{\"name\":\"raw\"}").json().path("result");

        assertThat(stream.path("format").path("unstructured").asBoolean()).isTrue();
        assertThat(stream.path("schema").isNull()).isTrue();
        assertThat(stream.path("http").path("enabled").asBoolean()).isTrue();
        assertThat(stream.path("http").path("authentication").asBoolean()).isTrue();
    }

    @Test
    void getFindsAStreamByIdOrByNameAndSurvivesRestart() {
        String id = create("{\"name\":\"orders\",\"schema\":{\"fields\":[{\"name\":\"a\",\"type\":\"int64\"}]}}")
                .json().path("result").path("id").asText();

        assertThat(call("GET", "streams/" + id).send().json().path("result").path("name").asText()).isEqualTo("orders");
        assertThat(call("GET", "streams/orders").send().json().path("result").path("id").asText()).isEqualTo(id);

        server.close();
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));

        JsonNode again = call("GET", "streams/orders").send().json().path("result");
        assertThat(again.path("id").asText()).isEqualTo(id);
        assertThat(again.path("schema").path("fields").get(0).path("type").asText()).isEqualTo("int64");
    }

    @Test
    void listPagesAndFiltersByName() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add("clicks_" + i);
            create("{\"name\":\"clicks_" + i + "\"}");
        }
        create("{\"name\":\"orders\"}");

        Answer firstPage = call("GET", "streams?page=1&per_page=2").send();
        assertThat(firstPage.json().path("result").size()).isEqualTo(2);
        JsonNode info = firstPage.json().path("result_info");
        assertThat(info.path("page").asInt()).isEqualTo(1);
        assertThat(info.path("per_page").asInt()).isEqualTo(2);
        assertThat(info.path("count").asInt()).isEqualTo(2);
        assertThat(info.path("total_count").asInt()).isEqualTo(6);
        assertThat(info.path("total_pages").asInt()).isEqualTo(3);

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            call("GET", "streams?page=" + page + "&per_page=2").send().json().path("result")
                    .forEach(s -> seen.add(s.path("name").asText()));
        }
        assertThat(seen).containsExactlyInAnyOrder("clicks_0", "clicks_1", "clicks_2", "clicks_3", "clicks_4", "orders");

        JsonNode filtered = call("GET", "streams?name=CLICKS").send().json();
        assertThat(filtered.path("result_info").path("total_count").asInt()).isEqualTo(5);
        assertThat(call("GET", "streams?page=9").send().json().path("result").size()).isZero();
    }

    @Test
    void patchChangesHttpAndBindingButNeverTheSchema() {
        JsonNode created = create("{\"name\":\"events\",\"schema\":{\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}}")
                .json().path("result");

        Answer patched = call("PATCH", "streams/events").header("Content-Type", "application/json")
                .body("{\"http\":{\"enabled\":false},\"worker_binding\":{\"enabled\":false}}").send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode stream = patched.json().path("result");
        assertThat(stream.path("http").path("enabled").asBoolean()).isFalse();
        assertThat(stream.path("http").path("authentication").asBoolean()).isTrue();
        assertThat(stream.path("worker_binding").path("enabled").asBoolean()).isFalse();
        assertThat(stream.path("version").asInt()).isEqualTo(2);

        Answer schemaChange = call("PATCH", "streams/events").header("Content-Type", "application/json")
                .body("{\"schema\":{\"fields\":[{\"name\":\"b\",\"type\":\"string\"}]}}").send();
        assertThat(schemaChange.status()).isEqualTo(400);
        assertThat(schemaChange.errorMessage()).contains("'schema'", "cannot change", "delete the stream");

        Answer sameSchema = call("PATCH", "streams/events").header("Content-Type", "application/json")
                .body("{\"schema\":" + created.path("schema") + ",\"http\":{\"enabled\":true}}").send();
        assertThat(sameSchema.status()).as(sameSchema.toString()).isEqualTo(200);
        assertThat(sameSchema.json().path("result").path("schema")).isEqualTo(created.path("schema"));
    }

    @Test
    void deleteRemovesTheStreamAndItsName() {
        String id = create("{\"name\":\"temp\"}").json().path("result").path("id").asText();

        Answer deleted = call("DELETE", "streams/" + id).send();
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
        assertThat(call("GET", "streams/" + id).send().status()).isEqualTo(404);
        assertThat(create("{\"name\":\"temp\"}").status()).isEqualTo(200);
    }

    @Test
    void deleteOfAStreamAPipelineReadsNeedsForce() {
        String id = create("{\"name\":\"read\"}").json().path("result").path("id").asText();
        var definition = server.server().streams().get(id);
        server.server().streams().log(definition).registerConsumer("pipeline_a", 0);

        Answer refused = call("DELETE", "streams/read").send();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorMessage()).contains("pipeline_a", "force=true");

        assertThat(call("DELETE", "streams/read?force=true").send().status()).isEqualTo(200);
        assertThat(call("GET", "streams/read").send().status()).isEqualTo(404);
    }

    @Test
    void invalidCreateRequestsAreRefusedWithClearMessages() {
        assertError(create("{\"name\":\"has-dash\"}"), 400, 1001, "letters, digits and underscores");
        assertError(create("{\"name\":\"" + "x".repeat(129) + "\"}"), 400, 1001, "limit is 128");
        assertError(create("{}"), 400, 1001, "'name' is required");
        assertError(create("not json"), 400, 1001, "not valid JSON");
        assertError(create(""), 400, 1001, "empty");
        assertError(create("{\"name\":\"a\",\"schema\":{\"fields\":[{\"name\":\"x\",\"type\":\"varchar\"}]}}"),
                400, 1001, "varchar");
        assertError(create("{\"name\":\"a\",\"http\":{\"enabled\":\"yes\"}}"), 400, 1001, "http.enabled");
        assertError(create("{\"name\":\"a\",\"http\":{\"cors\":{\"origins\":[\"not an origin\"]}}}"),
                400, 1001, "not an origin");
        assertError(create("{\"name\":\"a\",\"format\":{\"type\":\"avro\"}}"), 400, 1001, "format.type");

        create("{\"name\":\"taken\"}");
        assertError(create("{\"name\":\"taken\"}"), 409, 1009, "already exists");
        assertThat(call("GET", "streams").send().json().path("result_info").path("total_count").asInt()).isEqualTo(1);
    }

    @Test
    void unknownStreamsPathsAndMethodsAreReported() {
        assertError(call("GET", "streams/nope").send(), 404, 1004, "'nope' does not exist");
        assertError(call("DELETE", "streams/nope").send(), 404, 1004, "does not exist");
        assertError(HttpCall.request("GET", server.baseUrl() + "/client/v4/nothing").bearer(TOKEN).send(),
                404, 1004, "no such API path");
        Answer wrongMethod = call("PUT", "streams").send();
        assertError(wrongMethod, 405, 1005, "use GET, POST");
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, POST");
        assertError(call("GET", "streams?per_page=0").send(), 400, 1001, "per_page");
    }

    @Test
    void everyControlPlaneCallNeedsTheToken() {
        Answer missing = HttpCall.request("GET", server.pipelinesUrl("streams")).send();
        assertError(missing, 401, 10000, "Authorization: Bearer");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertError(HttpCall.request("POST", server.pipelinesUrl("streams")).bearer("wrong").body("{\"name\":\"x\"}")
                .send(), 401, 10000, "not valid");
        assertError(HttpCall.request("GET", server.pipelinesUrl("streams")).header("Authorization", "Basic abc").send(),
                401, 10000, "Bearer");
        assertError(HttpCall.request("GET", server.baseUrl() + "/client/v4/no/such/path").send(), 401, 10000,
                "Authorization: Bearer");
        assertThat(call("GET", "streams").send().json().path("result_info").path("total_count").asInt()).isZero();
    }

    @Test
    void anotherAccountIsNotServed() {
        Answer answer = HttpCall.request("GET", server.baseUrl() + "/client/v4/accounts/other/pipelines/v1/streams")
                .bearer(TOKEN).send();
        assertError(answer, 404, 1004, "account 'other' is not served here");
    }

    static void assertError(Answer answer, int status, int code, String messagePart) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        JsonNode envelope = answer.json();
        assertThat(envelope.path("success").asBoolean()).isFalse();
        assertThat(envelope.path("errors").get(0).path("code").asInt()).isEqualTo(code);
        assertThat(envelope.path("errors").get(0).path("message").asText()).contains(messagePart);
        assertThat(envelope.has("messages")).isTrue();
        assertThat(envelope.has("result")).isTrue();
    }
}
