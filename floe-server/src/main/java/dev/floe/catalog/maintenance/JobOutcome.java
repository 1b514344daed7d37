package dev.floe.catalog.maintenance;

import java.time.Duration;

/**
 * What one maintenance job did to one table. Files and bytes "in" are those the job took away from the
 * table (rewritten, expired, deleted), "out" those it wrote; a job that deletes reports its files'
 * bytes when it knows them.
 *
 * @param kind     the job
 * @param bucket   the bucket of the table's catalog
 * @param table    the table, {@code namespace.name}
 * @param filesIn  files rewritten or deleted
 * @param filesOut files written
 * @param bytesIn  bytes of the files rewritten or deleted, as far as known
 * @param bytesOut bytes of the files written
 * @param duration how long the job took
 * @param success  whether it finished; a failed job changed nothing the table refers to
 * @param detail   what else there is to say: what was expired, or why it failed
 */
public record JobOutcome(JobKind kind, String bucket, String table, int filesIn, int filesOut, long bytesIn,
                         long bytesOut, Duration duration, boolean success, String detail) {

    /** Whether the job found nothing to do. */
    public boolean idle() {
        return success && filesIn == 0 && filesOut == 0;
    }
}
