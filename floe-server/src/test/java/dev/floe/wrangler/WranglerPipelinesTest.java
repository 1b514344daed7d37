package dev.floe.wrangler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.testing.Command;
import dev.floe.testing.HttpCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real wrangler manages pipelines on floe: {@code wrangler pipelines create|list|get|delete}. */
class WranglerPipelinesTest extends WranglerTestCase {
    private static final Pattern CREATED =
            Pattern.compile("Successfully created pipeline '(\\w+)' with id '([0-9a-f]{32})'");

    @BeforeAll
    static void prepare() throws Exception {
        HttpCall.request("POST", server.pipelinesUrl("streams")).bearer(TOKEN).body("""
                {"name":"wr_stream","schema":{"fields":[{"name":"user_id","type":"string","required":true},
                  {"name":"amount","type":"float64"}]}}""").send();
        HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).body("{\"name\":\"lake\"}").send();
        HttpCall.request("POST", server.pipelinesUrl("sinks")).bearer(TOKEN)
                .body("{\"name\":\"wr_sink\",\"type\":\"r2\",\"config\":{\"bucket\":\"lake\"}}").send();
    }

    @Test
    void createListGetAndDeleteAPipeline() throws Exception {
        Path sql = Files.writeString(work.resolve("pipeline.sql"),
                "INSERT INTO wr_sink SELECT user_id, amount FROM wr_stream WHERE amount > 10");

        Command.Result created = wrangler("pipelines", "create", "wr_pipeline", "--sql-file", sql.toString());
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).contains("SQL validated successfully. References tables: wr_stream, wr_sink");
        Matcher matcher = CREATED.matcher(created.output());
        assertThat(matcher.find()).as(created.output()).isTrue();
        String id = matcher.group(2);
        // wrangler follows the pipeline's stream table to show how to send events to it.
        assertThat(created.output()).contains("WR_STREAM").doesNotContain("Could not fetch pipeline details");

        Command.Result listed = wrangler("pipelines", "list");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("wr_pipeline", id);

        Command.Result got = wrangler("pipelines", "get", id);
        assertThat(got.exitCode()).as(got.output()).isZero();
        assertThat(got.output()).contains("wr_pipeline", "WHERE amount > 10", "Connected Streams", "wr_stream",
                "Connected Sinks", "wr_sink");

        Command.Result refused = wrangler("pipelines", "create", "wr_again", "--sql",
                "INSERT INTO wr_sink SELECT * FROM wr_stream");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("already written by pipeline 'wr_pipeline'");

        Command.Result deleted = wrangler("pipelines", "delete", id, "--force");
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        assertThat(deleted.output()).contains("Successfully deleted pipeline 'wr_pipeline'");
        assertThat(HttpCall.request("GET", server.pipelinesUrl("pipelines/" + id)).bearer(TOKEN).send().status())
                .isEqualTo(404);
    }

    @Test
    void sqlThatDoesNotCompileIsShownWithItsPosition() throws Exception {
        Command.Result refused = wrangler("pipelines", "create", "wr_bad", "--sql",
                "INSERT INTO wr_sink SELECT user_idd FROM wr_stream");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("SQL validation failed", "line 1, column 28");
    }
}
