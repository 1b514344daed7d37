package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.testing.IcebergClient;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code floe catalog compaction|snapshot-expiration enable|disable} and {@code floe catalog maintenance}
 * (also under {@code floe r2 bucket catalog}) against a real server, for a catalog and for one table.
 */
class MaintenanceCommandsEndToEndTest extends CliEndToEndTest {
    @BeforeEach
    void prepare() {
        assertThat(floe("r2", "bucket", "create", "lake").exitCode()).isZero();
        assertThat(floe("catalog", "enable", "lake").exitCode()).isZero();
        IcebergClient.createTable(server, "lake", TOKEN, TableIdentifier.of("db", "events"),
                new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
    }

    @Test
    void compactionAndExpirationAreSetForACatalogAndForOneTable() throws Exception {
        CliRun catalog = floe("catalog", "compaction", "enable", "lake", "--target-size", "256", "--token", TOKEN);
        assertThat(catalog.exitCode()).as(catalog.err()).isZero();
        assertThat(catalog.out()).contains("Enabled compaction for the data catalog of bucket 'lake'.")
                .containsPattern("Compaction:\\s+enabled").containsPattern("Target file size:\\s+256 MB");

        CliRun table = floe("r2", "bucket", "catalog", "snapshot-expiration", "enable", "lake", "db", "events",
                "--older-than-days", "3", "--retain-last", "2");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("Enabled snapshot expiration for table 'db.events' in bucket 'lake'.")
                .containsPattern("Target file size:\\s+256 MB")
                .containsPattern("Expire snapshots older than:\\s+3d")
                .containsPattern("Always keep:\\s+2 most recent snapshots");

        CliRun disabled = floe("catalog", "compaction", "disable", "lake");
        assertThat(disabled.exitCode()).as(disabled.err()).isZero();
        assertThat(disabled.out()).containsPattern("Compaction:\\s+disabled");

        JsonNode shown = new ObjectMapper().readTree(floe("catalog", "maintenance", "lake", "db", "events", "--json")
                .out());
        assertThat(shown.path("maintenance_config").path("compaction").path("state").asText()).isEqualTo("disabled");
        assertThat(shown.path("maintenance_config").path("snapshot_expiration").path("state").asText())
                .isEqualTo("enabled");
        CliRun catalogShown = floe("catalog", "maintenance", "lake");
        assertThat(catalogShown.out()).containsPattern("Snapshot expiration:\\s+disabled")
                .containsPattern("Expire snapshots older than:\\s+30d");
    }

    @Test
    void mistakesAreReportedWithTheirExitCodes() {
        CliRun half = floe("catalog", "compaction", "enable", "lake", "db");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("give both a namespace and a table");

        CliRun size = floe("catalog", "compaction", "enable", "lake", "--target-size", "100");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("must be one of [64, 128, 256, 512]");

        CliRun token = floe("catalog", "snapshot-expiration", "enable", "lake", "--token", "not-the-token");
        assertThat(token.exitCode()).isEqualTo(3);
        assertThat(token.err()).contains("must be this server's API token");

        CliRun table = floe("catalog", "maintenance", "lake", "db", "nowhere");
        assertThat(table.exitCode()).isEqualTo(4);
        assertThat(table.err()).contains("table 'db.nowhere' does not exist");
    }
}
