package dev.floe.catalog.maintenance;

/**
 * What maintenance a catalog or a table gets. A catalog's policy has both parts; a table's has the
 * parts set for it alone, {@code null} for those it takes from its catalog.
 *
 * @param compaction         bin-packing small data files; with it, manifests are rewritten when they pile up
 * @param snapshotExpiration expiring old snapshots; with it, orphan files are removed
 */
public record MaintenancePolicy(CompactionPolicy compaction, ExpirationPolicy snapshotExpiration) {
    /** A catalog's policy before anything was configured: nothing runs. */
    public static final MaintenancePolicy DEFAULT = new MaintenancePolicy(CompactionPolicy.DEFAULT,
            ExpirationPolicy.DEFAULT);
    /** A table's policy before anything was configured for it: its catalog's applies. */
    public static final MaintenancePolicy INHERIT = new MaintenancePolicy(null, null);

    /** This table policy with what it leaves unset taken from its catalog's. */
    public MaintenancePolicy over(MaintenancePolicy catalog) {
        return new MaintenancePolicy(compaction != null ? compaction : catalog.compaction(),
                snapshotExpiration != null ? snapshotExpiration : catalog.snapshotExpiration());
    }

    /** Whether any job runs under it (for an effective policy, with both parts). */
    public boolean anyEnabled() {
        return compaction.enabled() || snapshotExpiration.enabled();
    }
}
