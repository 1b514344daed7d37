package dev.floe.api;

import static dev.floe.api.StreamsApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus of broken bodies and headers: each gets its documented status and message; the server keeps serving. */
class MalformedRequestsTest {
    @TempDir
    static Path dataDir;

    private static RunningServer server;
    private static JsonNode structured;
    private static JsonNode unstructured;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir);
        structured = HttpCall.request("POST", server.pipelinesUrl("streams")).body("{\"name\":\"typed\","
                + "\"http\":{\"authentication\":false},\"schema\":{\"fields\":[{\"name\":\"id\",\"type\":\"int64\","
                + "\"required\":true},{\"name\":\"tags\",\"type\":\"list\",\"items\":{\"type\":\"string\"}}]}}")
                .send().json().path("result");
        unstructured = HttpCall.request("POST", server.pipelinesUrl("streams"))
                .body("{\"name\":\"loose\",\"http\":{\"authentication\":false}}").send().json().path("result");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Answer post(JsonNode stream, byte[] body) {
        return HttpCall.request("POST", stream.path("endpoint").asText()).body(body).send();
    }

    private static Map<String, byte[]> corpus() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        bodies.put("whitespace only", "  \n\t ".getBytes(StandardCharsets.UTF_8));
        bodies.put("truncated array", "[{\"id\":1},{\"id\":".getBytes(StandardCharsets.UTF_8));
        bodies.put("truncated object", "{\"id\":1".getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing comma", "[{\"id\":1},]".getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing garbage", "[{\"id\":1}] garbage".getBytes(StandardCharsets.UTF_8));
        bodies.put("two arrays", "[{\"id\":1}][{\"id\":2}]".getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid utf-8", new byte[] {'[', '{', '"', 'i', 'd', '"', ':', '1', ',', '"', 'x', '"', ':', '"',
            (byte) 0xC3, (byte) 0x28, '"', '}', ']'});
        bodies.put("deep nesting", ("[{\"id\":1,\"tags\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}]")
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("huge number", ("[{\"id\":" + "9".repeat(100_000) + "}]").getBytes(StandardCharsets.UTF_8));
        bodies.put("duplicate keys", "[{\"id\":1,\"id\":2}]".getBytes(StandardCharsets.UTF_8));
        bodies.put("lone string", "\"hello\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("array of numbers", "[1,2]".getBytes(StandardCharsets.UTF_8));
        bodies.put("nul bytes", new byte[] {'[', 0, 0, ']'});
        bodies.put("single quotes", "[{'id':1}]".getBytes(StandardCharsets.UTF_8));
        bodies.put("unterminated string", "[{\"id\":1,\"tags\":[\"abc]}]".getBytes(StandardCharsets.UTF_8));
        bodies.put("number overflow", "[{\"id\":9223372036854775808}]".getBytes(StandardCharsets.UTF_8));
        bodies.put("NaN", "[{\"id\":NaN}]".getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    @Test
    void everyMalformedBodyGetsA400NamingTheProblemAndNothingIsWritten() {
        for (Map.Entry<String, byte[]> entry : corpus().entrySet()) {
            Answer answer = post(structured, entry.getValue());
            assertThat(answer.status()).as(entry.getKey() + ": " + answer).isEqualTo(400);
            assertThat(answer.errorCode()).as(entry.getKey()).isEqualTo(1002);
            assertThat(answer.errorMessage()).as(entry.getKey()).contains("nothing was written");
            JsonNode firstError = answer.json().path("result").path("record_errors").path(0);
            assertThat(firstError.path("kind").asText()).as(entry.getKey() + ": " + answer)
                    .isIn("parse_failure", "type_mismatch");
            assertThat(firstError.path("message").asText()).as(entry.getKey()).isNotBlank();
            assertServing();
        }
        var definition = server.server().streams().get("typed");
        assertThat(server.server().streams().log(definition).endOffset()).isZero();
    }

    @Test
    void brokenJsonIsReportedWithItsPosition() {
        Answer answer = post(structured, "[{\"id\":1},\n{\"id\":2,,}]".getBytes(StandardCharsets.UTF_8));

        JsonNode error = answer.json().path("result").path("record_errors").path(0);
        assertThat(error.path("index").asInt()).isEqualTo(1);
        assertThat(error.path("kind").asText()).isEqualTo("parse_failure");
        assertThat(error.path("message").asText()).contains("line 2");
    }

    @Test
    void unstructuredStreamsStillRefuseBrokenJson() {
        for (String name : new String[] {"truncated array", "invalid utf-8", "deep nesting", "huge number",
            "duplicate keys", "trailing garbage"}) {
            Answer answer = post(unstructured, corpus().get(name));
            assertThat(answer.status()).as(name + ": " + answer).isEqualTo(400);
            assertThat(answer.json().path("result").path("record_errors").path(0).path("kind").asText())
                    .as(name).isEqualTo("parse_failure");
        }
        assertServing();
    }

    @Test
    void malformedHeadersGetClearErrors() {
        String endpoint = structured.path("endpoint").asText();
        assertError(HttpCall.request("POST", endpoint).header("Floe-Producer-Id", "p").header("Floe-Producer-Sequence",
                "twelve").body("[]").send(), 400, 1001, "whole number");
        assertError(HttpCall.request("POST", endpoint).header("Floe-Producer-Id", "has space")
                .header("Floe-Producer-Sequence", "1").body("[]").send(), 400, 1001, "printable ASCII");
        assertError(HttpCall.request("POST", endpoint).header("Floe-Producer-Id", "p".repeat(300))
                .header("Floe-Producer-Sequence", "1").body("[]").send(), 400, 1001, "255 bytes");
        assertError(HttpCall.request("POST", endpoint).header("Content-Encoding", "gzip").body("not gzip").send(),
                400, 1001, "gzip");
        assertError(HttpCall.request("POST", endpoint).header("Content-Encoding", "compress").body("[]").send(),
                415, 1015, "Content-Encoding");
        assertServing();
    }

    @Test
    void garbageOnTheWireDoesNotHurtTheServer() throws Exception {
        String[] garbage = {
            "GARBAGE\r\n\r\n",
            "POST /ingest/x HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n",
            "POST /ingest/x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{\"short\":",
            "\u0000\u0001\u0002\r\n\r\n",
        };
        for (String request : garbage) {
            try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                in.readAllBytes();
            } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
                // The server may drop such a connection; what matters is that it keeps serving.
            }
            assertServing();
        }
    }

    private static void assertServing() {
        assertThat(HttpCall.request("GET", server.baseUrl() + "/healthz").send().status()).isEqualTo(200);
    }
}
