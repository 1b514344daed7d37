package dev.floe.catalog.maintenance;

import dev.floe.catalog.maintenance.JobOutcome.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Rewrites a table's data manifests into few large ones when more than {@value #MAX_MANIFESTS} have
 * piled up in its current snapshot (each fast append adds one; Iceberg's merging appends stop at 100),
 * so that planning a query reads a few files rather than hundreds. Iceberg's {@code rewriteManifests}
 * does it, one manifest per partition spec rolled at the table's target manifest size (8 MB by
 * default), and rebases the rewrite on appends committed meanwhile.
 */
final class ManifestRewrite {
    static final int MAX_MANIFESTS = 50;

    private ManifestRewrite() {
    }

    static JobOutcome run(MaintainedTable target) {
        long started = System.nanoTime();
        Table table = target.table();
        table.refresh();
        Snapshot current = table.currentSnapshot();
        List<ManifestFile> manifests = current == null ? List.of() : current.dataManifests(table.io());
        if (manifests.size() <= MAX_MANIFESTS) {
            return target.nothing(JobKind.MANIFEST_REWRITE, Status.IDLE, started, null);
        }
        Map<String, Long> before = new HashMap<>();
        manifests.forEach(manifest -> before.put(manifest.path(), manifest.length()));
        try {
            table.rewriteManifests()
                    .rewriteIf(manifest -> manifest.content() == ManifestContent.DATA)
                    .clusterBy(file -> file.specId())
                    .commit();
        } catch (RuntimeException e) {
            return target.nothing(JobKind.MANIFEST_REWRITE, Status.FAILED, started, e.toString());
        }
        table.refresh();
        Snapshot rewrite = ownSnapshot(table);
        int created = 0;
        long createdBytes = 0;
        for (ManifestFile manifest : table.currentSnapshot().dataManifests(table.io())) {
            before.remove(manifest.path());
            if (rewrite != null && manifest.snapshotId() != null && manifest.snapshotId() == rewrite.snapshotId()) {
                created++;
                createdBytes += manifest.length();
            }
        }
        return target.outcome(JobKind.MANIFEST_REWRITE, Status.DONE, before.size(), created,
                before.values().stream().mapToLong(Long::longValue).sum(), createdBytes, started, null);
    }

    /** The manifest rewrite just committed: the latest one among the current snapshot's ancestors. */
    private static Snapshot ownSnapshot(Table table) {
        for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
            if (DataOperations.REPLACE.equals(snapshot.operation())
                    && snapshot.summary().containsKey("manifests-replaced")) {
                return snapshot;
            }
        }
        return null;
    }
}
