package dev.floe.cli.streams;

import dev.floe.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What create checks before it talks to a server; none runs here, so a passing check ends unreachable. */
class CreateStreamCommandTest {
    private static final String NOWHERE = "http://127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void invalidNameIsRefusedLocally() {
        CliRun run = CliRun.of("pipelines", "streams", "create", "my-stream", "--url", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: invalid stream name \"my-stream\": "
                + "a stream name may contain only letters, digits and underscores\n");
    }

    @Test
    void missingNameIsAUsageError() {
        CliRun run = CliRun.of("pipelines", "streams", "create");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Missing required parameter: '<name>'")
                .contains("Try 'floe pipelines streams create --help'");
    }

    @Test
    void missingSchemaFileNamesTheFile() {
        Path missing = dir.resolve("nope.json");

        CliRun run = CliRun.of("pipelines", "streams", "create", "s1", "--schema-file", missing.toString(), "--url", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: cannot use schema file " + missing + ": no such file\n");
    }

    @Test
    void schemaFileThatIsNotJsonSaysWhere() throws Exception {
        Path file = Files.writeString(dir.resolve("schema.json"), "{\"fields\": [\n  {\"name\": }\n]}");

        CliRun run = CliRun.of("pipelines", "streams", "create", "s1", "--schema-file", file.toString(), "--url", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: cannot use schema file " + file + ": not valid JSON at line 2, column ");
    }

    @Test
    void schemaFileWithoutFieldsShowsTheExpectedShape() throws Exception {
        Path file = Files.writeString(dir.resolve("schema.json"), "[{\"name\":\"a\",\"type\":\"string\"}]");

        CliRun run = CliRun.of("pipelines", "streams", "create", "s1", "--schema-file", file.toString(), "--url", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: cannot use schema file " + file
                + ": expected a JSON object with a \"fields\" array, such as {\"fields\":[");
    }

    @Test
    void validRequestGoesToTheServer() throws Exception {
        Path file = Files.writeString(dir.resolve("schema.json"), "{\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

        CliRun run = CliRun.of("pipelines", "streams", "create", "s_1", "--schema-file", file.toString(),
                "--http-enabled=false", "--http-auth", "--cors-origin", "*", "--cors-origin", "https://a.example",
                "--url", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).startsWith("error: cannot reach floe at " + NOWHERE);
    }

    @Test
    void booleanOptionsTakeOnlyTrueOrFalse() {
        CliRun run = CliRun.of("pipelines", "streams", "create", "s1", "--http-enabled=maybe");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--http-enabled").contains("maybe");
    }

    @Test
    void listRefusesPagesBelowOne() {
        CliRun run = CliRun.of("pipelines", "streams", "list", "--page", "0", "--url", NOWHERE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --page and --per-page must be at least 1");
    }
}
