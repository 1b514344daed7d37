package dev.floe.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bodies the client sends to change maintenance: only what is set, in R2 Data Catalog's shape. */
class MaintenanceUpdateTest {

    @Test
    void onlyWhatIsSetIsSent() {
        assertThat(MaintenanceUpdate.compaction(true, 256).toJson().toString())
                .isEqualTo("{\"compaction\":{\"state\":\"enabled\",\"target_size_mb\":\"256\"}}");
        assertThat(MaintenanceUpdate.compaction(false, null).toJson().toString())
                .isEqualTo("{\"compaction\":{\"state\":\"disabled\"}}");
        assertThat(MaintenanceUpdate.snapshotExpiration(true, 7, 10).toJson().toString()).isEqualTo(
                "{\"snapshot_expiration\":{\"state\":\"enabled\",\"max_snapshot_age\":\"7d\",\"min_snapshots_to_keep\":10}}");
    }
}
