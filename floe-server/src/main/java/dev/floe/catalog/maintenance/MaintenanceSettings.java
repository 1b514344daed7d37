package dev.floe.catalog.maintenance;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server runs maintenance, whatever each table's policy says: how often it looks, and how
 * much it may do to one table how often.
 *
 * @param interval           how often the scheduler looks at every table of every enabled catalog
 * @param compactionInterval the least time between two compactions of one table
 * @param compactionMaxBytes the most input one compaction of one table rewrites; the rest waits
 * @param cleanupInterval    the least time between two snapshot expirations, orphan-file removals or
 *                           manifest rewrites of one table
 * @param orphanFileAge      how old an unreferenced file must be before it is deleted: far longer than
 *                           any writer takes from writing a file to committing it
 */
public record MaintenanceSettings(Duration interval, Duration compactionInterval, long compactionMaxBytes,
                                  Duration cleanupInterval, Duration orphanFileAge) {
    /** Below it, a file a writer has written but not yet committed could be taken for an orphan. */
    public static final Duration MIN_ORPHAN_FILE_AGE = Duration.ofHours(1);
    public static final MaintenanceSettings DEFAULTS = new MaintenanceSettings(Duration.ofMinutes(1),
            Duration.ofMinutes(5), 4L << 30, Duration.ofHours(1), Duration.ofDays(3));

    public MaintenanceSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(compactionInterval, "compactionInterval");
        Objects.requireNonNull(cleanupInterval, "cleanupInterval");
        Objects.requireNonNull(orphanFileAge, "orphanFileAge");
        if (interval.isZero() || interval.isNegative()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "maintenance-interval must be positive, got " + interval);
        }
        if (compactionMaxBytes < 1) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "compaction-max-bytes must be positive, got " + compactionMaxBytes);
        }
        if (orphanFileAge.compareTo(MIN_ORPHAN_FILE_AGE) < 0) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "orphan-file-age must be at least 1h, got "
                    + orphanFileAge + ": a shorter age could delete files a writer has written but not yet committed");
        }
    }
}
