package dev.floe.wrangler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.Command;
import dev.floe.testing.HttpCall;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real wrangler manages sinks on floe: {@code wrangler pipelines sinks create|list|get|delete}. */
class WranglerSinksTest extends WranglerTestCase {
    private static final Pattern CREATED = Pattern.compile("Successfully created sink '(\\w+)' with id '([0-9a-f]{32})'");

    @BeforeAll
    static void prepare() throws Exception {
        HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).body("{\"name\":\"lake\"}").send();
    }

    @Test
    void createListGetAndDeleteASink() throws Exception {
        Command.Result created = wrangler("pipelines", "sinks", "create", "wr_sink", "--type", "r2", "--bucket", "lake",
                "--format", "json", "--path", "events", "--partitioning", "year=%Y/month=%m/day=%d/hour=%H",
                "--roll-interval", "60", "--access-key-id", "AKIA", "--secret-access-key", "secret");
        assertThat(created.exitCode()).as(created.output()).isZero();
        Matcher matcher = CREATED.matcher(created.output());
        assertThat(matcher.find()).as(created.output()).isTrue();
        String id = matcher.group(2);

        JsonNode sink = HttpCall.request("GET", server.pipelinesUrl("sinks/" + id)).bearer(TOKEN).send()
                .json().path("result");
        assertThat(sink.path("format").path("type").asText()).isEqualTo("json");
        assertThat(sink.path("config").path("path").asText()).isEqualTo("events");
        assertThat(sink.path("config").path("partitioning").path("time_pattern").asText())
                .isEqualTo("year=%Y/month=%m/day=%d/hour=%H");
        assertThat(sink.path("config").path("rolling_policy").path("interval_seconds").asLong()).isEqualTo(60);

        Command.Result listed = wrangler("pipelines", "sinks", "list");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("wr_sink", id, "lake");

        Command.Result got = wrangler("pipelines", "sinks", "get", id);
        assertThat(got.exitCode()).as(got.output()).isZero();
        assertThat(got.output()).contains("wr_sink", "lake", "events", "60s");

        Command.Result deleted = wrangler("pipelines", "sinks", "delete", id, "--force");
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        assertThat(deleted.output()).contains("Successfully deleted sink 'wr_sink'");
        assertThat(HttpCall.request("GET", server.pipelinesUrl("sinks/" + id)).bearer(TOKEN).send().status())
                .isEqualTo(404);
    }

    @Test
    void createATableSinkInTheBucketsCatalog() throws Exception {
        assertThat(HttpCall.request("POST", server.catalogControlUrl("lake/enable")).bearer(TOKEN).send().status())
                .isEqualTo(200);
        Command.Result created = wrangler("pipelines", "sinks", "create", "wr_table", "--type", "r2-data-catalog",
                "--bucket", "lake", "--namespace", "events", "--table", "clicks", "--catalog-token", "catalog-secret",
                "--roll-interval", "120");
        assertThat(created.exitCode()).as(created.output()).isZero();
        Matcher matcher = CREATED.matcher(created.output());
        assertThat(matcher.find()).as(created.output()).isTrue();

        HttpCall.Answer sink = HttpCall.request("GET", server.pipelinesUrl("sinks/" + matcher.group(2))).bearer(TOKEN).send();
        JsonNode config = sink.json().path("result").path("config");
        assertThat(sink.json().path("result").path("type").asText()).isEqualTo("r2_data_catalog");
        assertThat(config.path("namespace").asText()).isEqualTo("events");
        assertThat(config.path("table_name").asText()).isEqualTo("clicks");
        assertThat(config.path("rolling_policy").path("interval_seconds").asLong()).isEqualTo(120);
        assertThat(sink.text()).doesNotContain("catalog-secret");

        Command.Result got = wrangler("pipelines", "sinks", "get", "wr_table");
        assertThat(got.exitCode()).as(got.output()).isZero();
        assertThat(got.output()).contains("wr_table", "events", "clicks");
        assertThat(wrangler("pipelines", "sinks", "delete", "wr_table", "--force").exitCode()).isZero();
    }
}
