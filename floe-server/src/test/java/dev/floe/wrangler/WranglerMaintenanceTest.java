package dev.floe.wrangler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.Command;
import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real wrangler turns compaction and snapshot expiration on and off for a catalog (registering its
 * {@code --token} as the maintenance credential first) and for one table; floe keeps what it sent.
 */
class WranglerMaintenanceTest extends WranglerTestCase {
    @BeforeAll
    static void prepare() throws Exception {
        assertThat(wrangler("r2", "bucket", "create", "wr-lake").exitCode()).isZero();
        assertThat(wrangler("r2", "bucket", "catalog", "enable", "wr-lake").exitCode()).isZero();
        IcebergClient.createTable(server, "wr-lake", TOKEN, TableIdentifier.of("db", "events"),
                new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
    }

    @Test
    void compactionAndSnapshotExpirationForTheCatalog() throws Exception {
        Command.Result compaction = wrangler("r2", "bucket", "catalog", "compaction", "enable", "wr-lake",
                "--target-size", "256", "--token", TOKEN);
        assertThat(compaction.exitCode()).as(compaction.output()).isZero();
        assertThat(compaction.output()).contains("Successfully enabled file compaction for the data catalog for bucket "
                + "'wr-lake'");
        Command.Result expiration = wrangler("r2", "bucket", "catalog", "snapshot-expiration", "enable", "wr-lake",
                "--older-than-days", "7", "--retain-last", "10", "--token", TOKEN);
        assertThat(expiration.exitCode()).as(expiration.output()).isZero();

        JsonNode catalog = configs("");
        assertThat(catalog.path("credential_status").asText()).isEqualTo("present");
        assertThat(catalog.path("maintenance_config").path("compaction").toString())
                .isEqualTo("{\"state\":\"enabled\",\"target_size_mb\":\"256\"}");
        assertThat(catalog.path("maintenance_config").path("snapshot_expiration").toString())
                .isEqualTo("{\"state\":\"enabled\",\"max_snapshot_age\":\"7d\",\"min_snapshots_to_keep\":10}");

        Command.Result disabled = wrangler("r2", "bucket", "catalog", "compaction", "disable", "wr-lake");
        assertThat(disabled.exitCode()).as(disabled.output()).isZero();
        assertThat(disabled.output()).contains("Successfully disabled file compaction for the data catalog for bucket "
                + "'wr-lake'");
        assertThat(configs("").path("maintenance_config").path("compaction").path("state").asText())
                .isEqualTo("disabled");
    }

    @Test
    void compactionAndSnapshotExpirationForOneTable() throws Exception {
        Command.Result compaction = wrangler("r2", "bucket", "catalog", "compaction", "enable", "wr-lake", "db",
                "events", "--target-size", "512");
        assertThat(compaction.exitCode()).as(compaction.output()).isZero();
        assertThat(compaction.output()).contains("Successfully enabled file compaction for table 'db.events' in bucket "
                + "'wr-lake'");
        Command.Result expiration = wrangler("r2", "bucket", "catalog", "snapshot-expiration", "enable", "wr-lake",
                "db", "events", "--older-than-days", "2", "--retain-last", "3");
        assertThat(expiration.exitCode()).as(expiration.output()).isZero();

        JsonNode table = configs("/namespaces/db/tables/events").path("maintenance_config");
        assertThat(table.path("compaction").toString()).isEqualTo("{\"state\":\"enabled\",\"target_size_mb\":\"512\"}");
        assertThat(table.path("snapshot_expiration").toString())
                .isEqualTo("{\"state\":\"enabled\",\"max_snapshot_age\":\"2d\",\"min_snapshots_to_keep\":3}");

        Command.Result disabled = wrangler("r2", "bucket", "catalog", "snapshot-expiration", "disable", "wr-lake",
                "db", "events", "--force");
        assertThat(disabled.exitCode()).as(disabled.output()).isZero();
        assertThat(disabled.output()).contains("Successfully disabled snapshot expiration for table 'db.events'");
        assertThat(configs("/namespaces/db/tables/events").path("maintenance_config").path("snapshot_expiration")
                .path("state").asText()).isEqualTo("disabled");
    }

    @Test
    void aCredentialThatIsNotTheServersTokenIsRefused() throws Exception {
        Command.Result refused = wrangler("r2", "bucket", "catalog", "compaction", "enable", "wr-lake",
                "--token", "someone-elses-token");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("the catalog credential must be this server's API token");
    }

    private static JsonNode configs(String table) {
        HttpCall.Answer answer = HttpCall.request("GET",
                server.catalogControlUrl("wr-lake" + table + "/maintenance-configs")).bearer(TOKEN).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }
}
