package dev.floe.wrangler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.testing.Command;
import dev.floe.testing.HttpCall;
import dev.floe.testing.RunningServer;
import org.junit.jupiter.api.Test;

/**
 * Real wrangler enables, shows and disables a bucket's data catalog on floe. wrangler prints
 * Cloudflare's catalog host whatever the API answers; the warehouse and status are floe's.
 */
class WranglerCatalogTest extends WranglerTestCase {
    private static final String WAREHOUSE = RunningServer.ACCOUNT + "_wr-lake";

    @Test
    void enableGetAndDisableABucketsCatalog() throws Exception {
        assertThat(wrangler("r2", "bucket", "create", "wr-lake").exitCode()).isZero();

        Command.Result notYet = wrangler("r2", "bucket", "catalog", "get", "wr-lake");
        assertThat(notYet.exitCode()).as(notYet.output()).isZero();
        assertThat(notYet.output()).contains("Data catalog is not enabled for bucket 'wr-lake'");

        Command.Result enabled = wrangler("r2", "bucket", "catalog", "enable", "wr-lake");
        assertThat(enabled.exitCode()).as(enabled.output()).isZero();
        assertThat(enabled.output()).contains("Successfully enabled data catalog on bucket 'wr-lake'",
                "Warehouse: '" + WAREHOUSE + "'");

        Command.Result got = wrangler("r2", "bucket", "catalog", "get", "wr-lake");
        assertThat(got.exitCode()).as(got.output()).isZero();
        assertThat(got.output()).containsPattern("Warehouse:\\s+" + WAREHOUSE).containsPattern("Status:\\s+active");
        String catalogUri = HttpCall.request("GET", server.catalogControlUrl("wr-lake")).bearer(TOKEN).send()
                .json().path("result").path("catalog_uri").asText();
        assertThat(HttpCall.request("GET", catalogUri + "/v1/config").bearer(TOKEN).send().status()).isEqualTo(200);

        Command.Result disabled = wrangler("r2", "bucket", "catalog", "disable", "wr-lake");
        assertThat(disabled.exitCode()).as(disabled.output()).isZero();
        assertThat(disabled.output()).contains("Successfully disabled the data catalog on bucket 'wr-lake'");
        assertThat(wrangler("r2", "bucket", "catalog", "get", "wr-lake").output()).containsPattern("Status:\\s+inactive");
    }

    @Test
    void aMissingBucketIsReported() throws Exception {
        Command.Result missing = wrangler("r2", "bucket", "catalog", "enable", "wr-nowhere");

        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("bucket 'wr-nowhere' does not exist");
    }
}
