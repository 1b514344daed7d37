package dev.floe.catalog.maintenance;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

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
}
