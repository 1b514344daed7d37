package dev.floe.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * A bucket's data catalog, as enabling it left it.
 *
 * @param bucket    the bucket
 * @param id        the catalog's id, kept when it is disabled and enabled again
 * @param warehouse the warehouse name, {@code <account id>_<bucket>}: the catalog's name in the
 *                  catalog database, and what Iceberg clients give as {@code warehouse}
 * @param active    whether it is enabled; a disabled catalog keeps its tables for when it is enabled again
 * @param enabledAt when it was first enabled
 */
public record CatalogState(String bucket, String id, String warehouse, boolean active, Instant enabledAt) {

    public CatalogState {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(enabledAt, "enabledAt");
    }

    /** R2 Data Catalog's word for it: {@code active} or {@code inactive}. */
    public String status() {
        return active ? "active" : "inactive";
    }

    CatalogState withActive(boolean nowActive) {
        return new CatalogState(bucket, id, warehouse, nowActive, enabledAt);
    }
}
