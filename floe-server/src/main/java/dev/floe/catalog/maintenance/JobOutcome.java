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
 * @param status   whether it changed the table, found nothing to do, could not run, or failed
 * @param filesIn  files rewritten or deleted
 * @param filesOut files written
 * @param bytesIn  bytes of the files rewritten or deleted, as far as known
 * @param bytesOut bytes of the files written
 * @param duration how long the job took
 * @param detail   what else there is to say: what was expired, why it was skipped, why it failed
 */
public record JobOutcome(JobKind kind, String bucket, String table, Status status, int filesIn, int filesOut,
                         long bytesIn, long bytesOut, Duration duration, String detail) {

    /** How a job ended, by the name metrics give it. */
    public enum Status {
        /** It changed the table. */
        DONE("success"),
        /** There was nothing to do. */
        IDLE("idle"),
        /** The table is such that the job cannot run on it (the detail says why); it stays so until it changes. */
        SKIPPED("skipped"),
        /** It failed; what it wrote is deleted, and the table is as it was. It runs again when next due. */
        FAILED("failure");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether the job did not fail. */
    public boolean success() {
        return status != Status.FAILED;
    }
}
