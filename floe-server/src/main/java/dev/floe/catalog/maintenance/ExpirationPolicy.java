package dev.floe.catalog.maintenance;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether a table's old snapshots are expired, and which: those older than {@code maxSnapshotAge},
 * except the {@code minSnapshotsToKeep} most recent, which are always kept. Files that only expired
 * snapshots referenced are deleted with them.
 *
 * @param enabled            whether expiration runs
 * @param maxSnapshotAge     the age past which a snapshot may go, at least a second
 * @param minSnapshotsToKeep the most recent snapshots kept whatever their age, at least 1
 */
public record ExpirationPolicy(boolean enabled, Duration maxSnapshotAge, int minSnapshotsToKeep) {
    /** Off until enabled, as in R2 Data Catalog; 30 days and 5 snapshots are what wrangler sends by default. */
    public static final ExpirationPolicy DEFAULT = new ExpirationPolicy(false, Duration.ofDays(30), 5);

    public ExpirationPolicy {
        Objects.requireNonNull(maxSnapshotAge, "maxSnapshotAge");
        if (maxSnapshotAge.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "the maximum snapshot age must be at least 1s, got " + maxSnapshotAge);
        }
        if (minSnapshotsToKeep < 1) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "the number of snapshots to keep must be at least 1, got " + minSnapshotsToKeep);
        }
    }
}
