package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.testing.HttpCall;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code floe pipelines create|list|get|delete} against a real server, with wrangler's flags. */
class PipelineCommandsEndToEndTest extends CliEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeEach
    void prepare() {
        HttpCall.request("POST", server.pipelinesUrl("streams")).bearer(TOKEN).body("""
                {"name":"clicks","schema":{"fields":[{"name":"page","type":"string"},{"name":"ms","type":"int64"}]}}""")
                .send();
        HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).body("{\"name\":\"lake\"}").send();
        HttpCall.request("POST", server.pipelinesUrl("sinks")).bearer(TOKEN)
                .body("{\"name\":\"clicks_sink\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\"}}").send();
    }

    @Test
    void createFromAFileThenListGetAndDelete() throws Exception {
        Path sql = Files.writeString(dir.resolve("clicks.sql"),
                "INSERT INTO clicks_sink\nSELECT page, ms / 1000 AS seconds FROM clicks WHERE page != '/health'\n");

        CliRun created = floe("pipelines", "create", "clicks_pipeline", "--sql-file", sql.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created pipeline 'clicks_pipeline'", "running", "WHERE page != '/health'",
                "Streams:", "clicks", "Sinks:", "clicks_sink");

        CliRun listed = floe("pipelines", "list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("Name", "Status", "clicks_pipeline", "running");

        CliRun got = floe("pipelines", "get", "clicks_pipeline", "--json");
        JsonNode json = MAPPER.readTree(got.out());
        assertThat(json.path("status").asText()).isEqualTo("running");
        assertThat(json.path("tables").size()).isEqualTo(2);

        CliRun sink = floe("pipelines", "sinks", "get", "clicks_sink");
        assertThat(sink.out()).contains("Schema:", "page", "string", "seconds");

        CliRun deleted = floe("pipelines", "delete", "clicks_pipeline", "--force");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("Deleted pipeline 'clicks_pipeline'.");
        assertThat(floe("pipelines", "list").out()).contains("No pipelines found.");
        assertThat(floe("pipelines", "sinks", "get", "clicks_sink").out()).contains("Schema: none yet");
    }

    @Test
    void createWithInlineSql() {
        CliRun created = floe("pipelines", "create", "inline", "--sql", "INSERT INTO clicks_sink SELECT * FROM clicks",
                "--json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("\"name\" : \"inline\"", "\"status\" : \"running\"");
    }

    @Test
    void problemsAreReportedOnOneLine() {
        CliRun badSql = floe("pipelines", "create", "bad", "--sql", "INSERT INTO clicks_sink\nSELECT pagee FROM clicks");
        assertThat(badSql.exitCode()).isEqualTo(2);
        assertThat(badSql.err()).startsWith("error: ").contains("line 2, column 8");

        CliRun both = floe("pipelines", "create", "p", "--sql", "x", "--sql-file", "f.sql");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        CliRun neither = floe("pipelines", "create", "p");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--sql");

        CliRun missingFile = floe("pipelines", "create", "p", "--sql-file", dir.resolve("nope.sql").toString());
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("cannot use SQL file", "no such file");

        CliRun missing = floe("pipelines", "get", "nope");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("pipeline 'nope' does not exist");

        CliRun inUse = floe("pipelines", "create", "first", "--sql", "INSERT INTO clicks_sink SELECT * FROM clicks");
        assertThat(inUse.exitCode()).isZero();
        CliRun sinkDelete = floe("pipelines", "sinks", "delete", "clicks_sink", "--force");
        assertThat(sinkDelete.exitCode()).isEqualTo(5);
        assertThat(sinkDelete.err()).contains("written by pipeline 'first'");
    }

    @Test
    void helpSaysWhatAPipelineIs() {
        CliRun help = floe("pipelines", "create", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("INSERT INTO <sink> SELECT", "--sql-file", "line and column", "Pipelines cannot be changed");
        assertThat(floe("pipelines", "--help").out()).contains("create", "list", "get", "delete", "streams", "sinks");
    }
}
