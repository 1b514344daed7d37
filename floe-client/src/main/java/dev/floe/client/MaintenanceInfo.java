package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The maintenance a bucket's data catalog, or one of its tables, gets, as R2 Data Catalog's
 * {@code maintenance_config} describes it.
 *
 * @param compactionEnabled         whether small data files are combined into larger ones
 * @param targetSizeMb              the size compaction aims at, in MB: 64, 128, 256 or 512
 * @param snapshotExpirationEnabled whether old snapshots are expired
 * @param maxSnapshotAge            the age past which a snapshot may expire, such as {@code 30d} or {@code 48h}
 * @param minSnapshotsToKeep        the most recent snapshots always kept
 * @param credentialStatus          {@code present} or {@code absent} for a catalog; {@code null} for a table
 * @param raw                       the whole result as the server sent it
 */
public record MaintenanceInfo(boolean compactionEnabled, int targetSizeMb, boolean snapshotExpirationEnabled,
                              String maxSnapshotAge, int minSnapshotsToKeep, String credentialStatus, JsonNode raw) {

    /** Reads a GET's result (a {@code maintenance_config} inside) or an update's (the configuration itself). */
    public static MaintenanceInfo fromJson(JsonNode result) {
        JsonNode config = result.has("maintenance_config") ? result.path("maintenance_config") : result;
        JsonNode compaction = config.path("compaction");
        JsonNode expiration = config.path("snapshot_expiration");
        return new MaintenanceInfo(
                "enabled".equals(compaction.path("state").asText()),
                compaction.path("target_size_mb").asInt(),
                "enabled".equals(expiration.path("state").asText()),
                expiration.path("max_snapshot_age").asText(null),
                expiration.path("min_snapshots_to_keep").asInt(),
                result.path("credential_status").asText(null),
                result.deepCopy());
    }
}
