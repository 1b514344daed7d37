package dev.floe.catalog.maintenance;

import dev.floe.catalog.maintenance.JobOutcome.Status;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Expires a table's old snapshots with Iceberg's {@link ExpireSnapshots}: those older than the policy's
 * age, keeping the most recent ones it names whatever their age (and whatever a branch or tag holds).
 * The files only expired snapshots referenced (data files, manifests, manifest lists, statistics) are
 * deleted after the commit, through the table's files, which never delete outside its bucket.
 *
 * <p>A commit that races an append is retried by Iceberg on the new table state; appended files are
 * never among those deleted, since no expired snapshot knew them. Nothing is committed when nothing is
 * old enough.
 */
final class SnapshotExpiration {
    private SnapshotExpiration() {
    }

    static JobOutcome run(MaintainedTable target, ExpirationPolicy policy, Instant now) {
        long started = System.nanoTime();
        Table table = target.table();
        table.refresh();
        if (!target.garbageCollected()) {
            return target.nothing(JobKind.SNAPSHOT_EXPIRATION, Status.SKIPPED, started,
                    "its gc.enabled property is false, so no file of it may be deleted");
        }
        Set<Long> before = snapshotIds(table.snapshots());
        AtomicInteger deleted = new AtomicInteger();
        try {
            ExpireSnapshots expire = table.expireSnapshots()
                    .expireOlderThan(now.minus(policy.maxSnapshotAge()).toEpochMilli())
                    .retainLast(policy.minSnapshotsToKeep())
                    .deleteWith(location -> {
                        table.io().deleteFile(location);
                        deleted.incrementAndGet();
                    });
            // apply() answers the snapshots that would be expired, without committing.
            if (expire.apply().isEmpty()) {
                return target.nothing(JobKind.SNAPSHOT_EXPIRATION, Status.IDLE, started, null);
            }
            expire.commit();
        } catch (RuntimeException e) {
            return target.outcome(JobKind.SNAPSHOT_EXPIRATION, Status.FAILED, deleted.get(), 0, 0, 0, started,
                    e.toString());
        }
        table.refresh();
        before.removeAll(snapshotIds(table.snapshots()));
        return target.outcome(JobKind.SNAPSHOT_EXPIRATION, Status.DONE, deleted.get(), 0, 0, 0, started,
                "expired " + before.size() + " snapshots");
    }

    private static Set<Long> snapshotIds(Iterable<Snapshot> snapshots) {
        Set<Long> ids = new HashSet<>();
        snapshots.forEach(snapshot -> ids.add(snapshot.snapshotId()));
        return ids;
    }
}
