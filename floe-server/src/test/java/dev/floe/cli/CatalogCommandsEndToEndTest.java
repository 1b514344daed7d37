package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.testing.RunningServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code floe r2 bucket catalog …} against a real server, as a user runs them. */
class CatalogCommandsEndToEndTest extends CliEndToEndTest {
    @BeforeEach
    void prepare() {
        assertThat(floe("r2", "bucket", "create", "lake").exitCode()).isZero();
    }

    @Test
    void enableGetAndDisableABucketsCatalog() throws Exception {
        CliRun enabled = floe("r2", "bucket", "catalog", "enable", "lake");
        assertThat(enabled.exitCode()).as(enabled.err()).isZero();
        assertThat(enabled.out()).contains("Enabled the data catalog of bucket 'lake'.")
                .containsPattern("Catalog URI:\\s+" + server.catalogUri("lake"))
                .containsPattern("Warehouse:\\s+" + RunningServer.ACCOUNT + "_lake");

        CliRun got = floe("r2", "bucket", "catalog", "get", "lake");
        assertThat(got.exitCode()).as(got.err()).isZero();
        assertThat(got.out()).containsPattern("Status:\\s+active");
        assertThat(new ObjectMapper().readTree(floe("r2", "bucket", "catalog", "get", "lake", "--json").out())
                .path("catalog_uri").asText()).isEqualTo(server.catalogUri("lake"));

        CliRun disabled = floe("r2", "bucket", "catalog", "disable", "lake");
        assertThat(disabled.exitCode()).as(disabled.err()).isZero();
        assertThat(disabled.out()).contains("Disabled the data catalog of bucket 'lake'. Its tables' files stay");
        assertThat(floe("r2", "bucket", "catalog", "get", "lake").out()).containsPattern("Status:\\s+inactive");
    }

    @Test
    void aCatalogNeverEnabledSaysHowToEnableIt() {
        CliRun got = floe("r2", "bucket", "catalog", "get", "lake");

        assertThat(got.exitCode()).isEqualTo(4);
        assertThat(got.err()).contains("error: the data catalog of bucket 'lake' is not enabled",
                "floe r2 bucket catalog enable lake");
    }
}
