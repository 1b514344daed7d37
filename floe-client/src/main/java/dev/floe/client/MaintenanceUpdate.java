package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A change to the maintenance of a data catalog or a table; what is {@code null} stays as it was.
 *
 * @param compactionEnabled         turn compaction on or off
 * @param targetSizeMb              compaction's target file size in MB: 64, 128, 256 or 512
 * @param snapshotExpirationEnabled turn snapshot expiration on or off
 * @param olderThanDays             expire snapshots older than this many days
 * @param retainLast                always keep this many most recent snapshots
 */
public record MaintenanceUpdate(Boolean compactionEnabled, Integer targetSizeMb, Boolean snapshotExpirationEnabled,
                                Integer olderThanDays, Integer retainLast) {

    /** Turns compaction on or off; {@code targetSizeMb} may be {@code null} to keep the size as it is. */
    public static MaintenanceUpdate compaction(boolean enabled, Integer targetSizeMb) {
        return new MaintenanceUpdate(enabled, targetSizeMb, null, null, null);
    }

    /** Turns snapshot expiration on or off; the limits may be {@code null} to keep them as they are. */
    public static MaintenanceUpdate snapshotExpiration(boolean enabled, Integer olderThanDays, Integer retainLast) {
        return new MaintenanceUpdate(null, null, enabled, olderThanDays, retainLast);
    }

    /** The request body, in R2 Data Catalog's shape. */
    public JsonNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (compactionEnabled != null || targetSizeMb != null) {
            ObjectNode compaction = body.putObject("compaction");
            if (compactionEnabled != null) {
                compaction.put("state", compactionEnabled ? "enabled" : "disabled");
            }
            if (targetSizeMb != null) {
                compaction.put("target_size_mb", Integer.toString(targetSizeMb));
            }
        }
        if (snapshotExpirationEnabled != null || olderThanDays != null || retainLast != null) {
            ObjectNode expiration = body.putObject("snapshot_expiration");
            if (snapshotExpirationEnabled != null) {
                expiration.put("state", snapshotExpirationEnabled ? "enabled" : "disabled");
            }
            if (olderThanDays != null) {
                expiration.put("max_snapshot_age", olderThanDays + "d");
            }
            if (retainLast != null) {
                expiration.put("min_snapshots_to_keep", retainLast);
            }
        }
        return body;
    }
}
