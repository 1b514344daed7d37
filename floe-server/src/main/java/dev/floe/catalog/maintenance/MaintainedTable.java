package dev.floe.catalog.maintenance;

import java.time.Duration;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.util.PropertyUtil;

/**
 * A table a job works on, loaded from its bucket's catalog.
 *
 * @param bucket     the bucket whose catalog holds it
 * @param identifier its namespace and name
 * @param table      the table, loaded for this round of maintenance
 */
record MaintainedTable(String bucket, TableIdentifier identifier, Table table) {

    /** {@code bucket/namespace.name}, for logs. */
    String label() {
        return bucket + "/" + identifier;
    }

    /**
     * Whether files may be deleted from the table: not when its owner set {@code gc.enabled=false}
     * (a table whose files other tables share, say), which Iceberg's own expiration respects too.
     */
    boolean garbageCollected() {
        return PropertyUtil.propertyAsBoolean(table.properties(), TableProperties.GC_ENABLED,
                TableProperties.GC_ENABLED_DEFAULT);
    }

    /** A job's outcome for this table. */
    JobOutcome outcome(JobKind kind, JobOutcome.Status status, int filesIn, int filesOut, long bytesIn, long bytesOut,
                       long startedNanos, String detail) {
        return new JobOutcome(kind, bucket, identifier.toString(), status, filesIn, filesOut, bytesIn, bytesOut,
                Duration.ofNanos(System.nanoTime() - startedNanos), detail);
    }

    /** The outcome of a job that changed nothing. */
    JobOutcome nothing(JobKind kind, JobOutcome.Status status, long startedNanos, String detail) {
        return outcome(kind, status, 0, 0, 0, 0, startedNanos, detail);
    }
}
