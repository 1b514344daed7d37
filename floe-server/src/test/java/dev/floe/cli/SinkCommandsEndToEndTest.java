package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.testing.HttpCall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code floe pipelines sinks …} against a real server, with wrangler's flags. */
class SinkCommandsEndToEndTest extends CliEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeEach
    void prepare() {
        HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).body("{\"name\":\"lake\"}").send();
    }

    @Test
    void createListGetAndDeleteWithWranglersFlags() throws Exception {
        CliRun created = floe("pipelines", "sinks", "create", "events_sink", "--type", "r2", "--bucket", "lake",
                "--format", "parquet", "--compression", "snappy", "--target-row-group-size", "128MB",
                "--path", "events", "--partitioning", "year=%Y/month=%m", "--roll-size", "64", "--roll-interval", "30",
                "--access-key-id", "AKIA", "--secret-access-key", "s3cr3t");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("events_sink", "lake", "events", "parquet (snappy)", "128MB", "30s", "64MB");

        JsonNode sink = HttpCall.request("GET", server.pipelinesUrl("sinks/events_sink")).bearer(TOKEN).send()
                .json().path("result");
        assertThat(sink.path("format").path("row_group_bytes").asLong()).isEqualTo(128L << 20);
        assertThat(sink.path("config").path("rolling_policy").path("file_size_bytes").asLong()).isEqualTo(64L << 20);
        assertThat(sink.path("config").path("partitioning").path("time_pattern").asText()).isEqualTo("year=%Y/month=%m");

        CliRun listed = floe("pipelines", "sinks", "list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("events_sink", sink.path("id").asText(), "lake/events", "parquet");

        CliRun json = floe("pipelines", "sinks", "get", "events_sink", "--json");
        assertThat(MAPPER.readTree(json.out()).path("id").asText()).isEqualTo(sink.path("id").asText());
        assertThat(json.out()).doesNotContain("s3cr3t");

        CliRun deleted = floe("pipelines", "sinks", "delete", "events_sink", "--force");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        CliRun gone = floe("pipelines", "sinks", "get", "events_sink");
        assertThat(gone.exitCode()).isEqualTo(4);
        assertThat(gone.err()).contains("does not exist");
    }

    @Test
    void aTableSinkNamesItsTableInTheBucketsCatalog() {
        CliRun noCatalog = floe("pipelines", "sinks", "create", "table_sink", "--type", "r2-data-catalog", "--bucket",
                "lake", "--namespace", "shop", "--table", "orders", "--catalog-token", "t");
        assertThat(noCatalog.exitCode()).isEqualTo(2);
        assertThat(noCatalog.err()).contains("bucket 'lake' has no data catalog; enable it first");

        assertThat(floe("r2", "bucket", "catalog", "enable", "lake").exitCode()).isZero();
        CliRun created = floe("pipelines", "sinks", "create", "table_sink", "--type", "r2-data-catalog", "--bucket",
                "lake", "--namespace", "shop", "--table", "orders", "--catalog-token", "t");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Table", "shop.orders", "r2_data_catalog", "128MB");

        CliRun half = floe("pipelines", "sinks", "create", "other", "--type", "r2-data-catalog", "--bucket", "lake",
                "--namespace", "shop");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("give both --namespace and --table");
    }

    @Test
    void problemsAreReportedOnOneLine() {
        CliRun missingBucket = floe("pipelines", "sinks", "create", "s", "--type", "r2", "--bucket", "nope");
        assertThat(missingBucket.exitCode()).isEqualTo(2);
        assertThat(missingBucket.err()).startsWith("error: ").contains("bucket 'nope' does not exist");

        CliRun halfCredentials = floe("pipelines", "sinks", "create", "s", "--type", "r2", "--bucket", "lake",
                "--access-key-id", "AKIA");
        assertThat(halfCredentials.exitCode()).isEqualTo(2);
        assertThat(halfCredentials.err()).contains("--secret-access-key");

        CliRun noType = floe("pipelines", "sinks", "create", "s", "--bucket", "lake");
        assertThat(noType.exitCode()).isEqualTo(2);
        assertThat(noType.err()).contains("--type");
    }
}
