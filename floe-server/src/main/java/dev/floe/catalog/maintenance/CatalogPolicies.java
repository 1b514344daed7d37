package dev.floe.catalog.maintenance;

import java.util.Map;
import java.util.Objects;

/**
 * The maintenance configured for one bucket's catalog: its own policy and its tables'.
 *
 * @param bucket     the bucket
 * @param catalogId  the id of the catalog they were set for: a bucket deleted and made again gets a
 *                   new catalog, which must not inherit them
 * @param credential whether a maintenance credential was given (R2 Data Catalog's
 *                   {@code credential_status}); floe's maintenance runs inside the server and needs none
 * @param catalog    the catalog's policy, with both parts
 * @param tables     policies set for single tables, by table UUID
 */
public record CatalogPolicies(String bucket, String catalogId, boolean credential, MaintenancePolicy catalog,
                              Map<String, TablePolicy> tables) {

    public CatalogPolicies {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(catalogId, "catalogId");
        Objects.requireNonNull(catalog, "catalog");
        tables = Map.copyOf(tables);
    }

    /** What a new catalog starts with: nothing runs. */
    static CatalogPolicies empty(String bucket, String catalogId) {
        return new CatalogPolicies(bucket, catalogId, false, MaintenancePolicy.DEFAULT, Map.of());
    }

    /** The policy a table gets: its own parts, and its catalog's for the rest. */
    public MaintenancePolicy effective(String tableUuid) {
        TablePolicy table = tables.get(tableUuid);
        return table == null ? catalog : table.policy().over(catalog);
    }
}
