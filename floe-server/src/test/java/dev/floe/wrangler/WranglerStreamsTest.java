package dev.floe.wrangler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.testing.Command;
import dev.floe.testing.HttpCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Real wrangler, pointed at floe with CLOUDFLARE_API_BASE_URL, manages streams. */
class WranglerStreamsTest extends WranglerTestCase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern CREATED = Pattern.compile("Successfully created stream '(\\w+)' with id '([0-9a-f]{32})'");

    private static Path schemaFile() throws Exception {
        Path schema = work.resolve("schema.json");
        Files.writeString(schema, """
                {"fields":[
                  {"name":"verb","type":"string","required":true},
                  {"name":"amount","type":"float64"},
                  {"name":"at","type":"timestamp","unit":"millisecond"},
                  {"name":"actor","type":"struct","fields":[{"name":"id","type":"string","required":true}]},
                  {"name":"tags","type":"list","items":{"type":"string"}}
                ]}""");
        return schema;
    }

    @Test
    void createListGetAndDeleteAStream() throws Exception {
        Command.Result created = wrangler("pipelines", "streams", "create", "wr_events",
                "--schema-file", schemaFile().toString(), "--http-auth=false", "--cors-origin", "https://app.example.com");
        assertThat(created.exitCode()).as(created.output()).isZero();
        Matcher matcher = CREATED.matcher(created.output());
        assertThat(matcher.find()).as(created.output()).isTrue();
        String id = matcher.group(2);
        assertThat(created.output()).contains("Authentication:  No", "https://app.example.com",
                server.baseUrl() + "/ingest/" + id);

        JsonNode stream = HttpCall.request("GET", server.pipelinesUrl("streams/" + id)).bearer(TOKEN).send()
                .json().path("result");
        assertThat(stream.path("name").asText()).isEqualTo("wr_events");
        assertThat(stream.path("http").path("authentication").asBoolean()).isFalse();
        assertThat(stream.path("schema").path("fields").size()).isEqualTo(5);

        Command.Result listed = wrangler("pipelines", "streams", "list");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("wr_events", id, "Yes (unauthenticated)");

        Command.Result listedJson = wrangler("pipelines", "streams", "list", "--json");
        assertThat(listedJson.exitCode()).as(listedJson.output()).isZero();
        JsonNode array = MAPPER.readTree(listedJson.output().substring(listedJson.output().indexOf("\n[") + 1));
        assertThat(array.findValuesAsText("id")).contains(id);

        Command.Result got = wrangler("pipelines", "streams", "get", id);
        assertThat(got.exitCode()).as(got.output()).isZero();
        assertThat(got.output()).contains("Stream ID: " + id, "verb", "timestamp", "millisecond", "actor", "struct");

        HttpCall.Answer ingest = HttpCall.request("POST", stream.path("endpoint").asText()).body(
                "[{\"verb\":\"created\",\"amount\":1.5,\"at\":1700000000000,\"actor\":{\"id\":\"nathan\"},\"tags\":[\"a\"]}]").send();
        assertThat(ingest.status()).as(ingest.toString()).isEqualTo(200);

        Command.Result deleted = wrangler("pipelines", "streams", "delete", id, "--force");
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        assertThat(deleted.output()).contains("Successfully deleted stream 'wr_events'");
        assertThat(HttpCall.request("GET", server.pipelinesUrl("streams/" + id)).bearer(TOKEN).send().status())
                .isEqualTo(404);
    }

    @Test
    void serverErrorsReachTheWranglerUser() throws Exception {
        Command.Result missing = wrangler("pipelines", "streams", "get", "0123456789abcdef0123456789abcdef");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("does not exist");

        Command.Result badSchema = wrangler("pipelines", "streams", "create", "wr_bad", "--schema-file",
                Files.writeString(work.resolve("bad.json"), "{\"fields\":[{\"name\":\"x\",\"type\":\"varchar\"}]}")
                        .toString());
        assertThat(badSchema.exitCode()).isNotZero();
        assertThat(badSchema.output()).contains("varchar");

        Command.Result wrongToken = floe.runWithToken("not-the-token",
                "pipelines", "streams", "list");
        assertThat(wrongToken.exitCode()).isNotZero();
        assertThat(wrongToken.output()).contains("not valid");
    }
}
