package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.testing.HttpCall;
import dev.floe.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code floe pipelines streams …} against a real server, as a user runs them. */
class StreamCommandsEndToEndTest extends CliEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void createListGetAndDelete() throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.json"), """
                {"fields":[{"name":"order_id","type":"string","required":true},
                           {"name":"amount","type":"decimal128","precision":10,"scale":2},
                           {"name":"customer","type":"struct","fields":[{"name":"id","type":"int64"}]}]}""");

        CliRun created = floe("pipelines", "streams", "create", "orders", "--schema-file", schema.toString(),
                "--http-auth=false", "--cors-origin", "https://shop.example");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("orders", "/ingest/");

        JsonNode stream = HttpCall.request("GET", server.pipelinesUrl("streams/orders")).bearer(TOKEN).send()
                .json().path("result");
        assertThat(stream.path("http").path("authentication").asBoolean()).isFalse();
        assertThat(stream.path("http").path("cors").path("origins").get(0).asText()).isEqualTo("https://shop.example");
        assertThat(stream.path("schema").path("fields").size()).isEqualTo(3);

        CliRun unstructured = floe("pipelines", "streams", "create", "raw_events");
        assertThat(unstructured.exitCode()).as(unstructured.err()).isZero();
        assertThat(unstructured.out()).containsIgnoringCase("unstructured");

        CliRun listed = floe("pipelines", "streams", "list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("orders", "raw_events", stream.path("id").asText(), "Yes (unauthenticated)",
                "Yes (authenticated)");

        CliRun got = floe("pipelines", "streams", "get", "orders");
        assertThat(got.exitCode()).isZero();
        assertThat(got.out()).contains(stream.path("endpoint").asText(), "order_id", "decimal128", "customer", "int64");

        CliRun json = floe("pipelines", "streams", "get", "orders", "--json");
        assertThat(MAPPER.readTree(json.out()).path("id").asText()).isEqualTo(stream.path("id").asText());

        CliRun deleted = floe("pipelines", "streams", "delete", "orders", "--force");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(HttpCall.request("GET", server.pipelinesUrl("streams/orders")).bearer(TOKEN).send().status())
                .isEqualTo(404);
    }

    @Test
    void serverErrorsBecomeOneLineAndTheirExitCode() {
        CliRun missing = floe("pipelines", "streams", "get", "nope");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).startsWith("error: ").contains("'nope' does not exist").doesNotContain("Exception");

        floe("pipelines", "streams", "create", "dup");
        CliRun duplicate = floe("pipelines", "streams", "create", "dup");
        assertThat(duplicate.exitCode()).isEqualTo(5);
        assertThat(duplicate.err()).contains("already exists");

        CliRun wrongToken = CliRun.of("pipelines", "streams", "list", "--url", server.baseUrl(),
                "--account-id", RunningServer.ACCOUNT, "--api-token", "nope");
        assertThat(wrongToken.exitCode()).isEqualTo(3);
        assertThat(wrongToken.err()).contains("not valid");
    }
}
