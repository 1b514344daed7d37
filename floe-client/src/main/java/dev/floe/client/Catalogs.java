package dev.floe.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.floe.client.internal.ApiConnection;

import java.util.List;
import java.util.Map;

/**
 * Enables, disables and describes the data catalogs of buckets, and configures their maintenance: the
 * control plane of {@code /client/v4/accounts/{account}/r2-catalog/{bucket}}. Get it from
 * {@link FloeClient#catalogs()}.
 *
 * <p>Every method throws {@link dev.floe.error.FloeException} with the server's code and message when
 * the request fails: {@code NOT_FOUND} for a bucket that does not exist, {@code CATALOG_NOT_ENABLED}
 * for a bucket whose catalog was never enabled.
 */
public final class Catalogs {
    private final ApiConnection connection;

    Catalogs(ApiConnection connection) {
        this.connection = connection;
    }

    /** Enables the bucket's catalog (again, when it was disabled: its tables are as they were). */
    public CatalogInfo enable(String bucket) {
        connection.call("POST", path(bucket, "enable"), Map.of(), null);
        return get(bucket);
    }

    /** Disables the bucket's catalog; its tables' files stay in the bucket. */
    public void disable(String bucket) {
        connection.call("POST", path(bucket, "disable"), Map.of(), null);
    }

    public CatalogInfo get(String bucket) {
        return CatalogInfo.fromJson(connection.call("GET", List.of("r2-catalog", bucket), Map.of(), null).result());
    }

    /** The maintenance of a bucket's catalog: what its tables get unless set for themselves. */
    public MaintenanceInfo maintenance(String bucket) {
        return MaintenanceInfo.fromJson(connection.call("GET", maintenancePath(bucket, null, null), Map.of(), null)
                .result());
    }

    /**
     * The maintenance one table gets: what was set for it, and its catalog's for the rest.
     *
     * @param namespace the levels of the table's namespace
     * @throws dev.floe.error.FloeException {@code NOT_FOUND} for a table that does not exist
     */
    public MaintenanceInfo maintenance(String bucket, List<String> namespace, String table) {
        return MaintenanceInfo.fromJson(connection.call("GET", maintenancePath(bucket, namespace, table), Map.of(), null)
                .result());
    }

    /** Changes the maintenance of a bucket's catalog and answers it as it now is. */
    public MaintenanceInfo updateMaintenance(String bucket, MaintenanceUpdate update) {
        return MaintenanceInfo.fromJson(connection.call("POST", maintenancePath(bucket, null, null), Map.of(),
                update.toJson()).result());
    }

    /** Changes the maintenance of one table and answers what it now gets. */
    public MaintenanceInfo updateMaintenance(String bucket, List<String> namespace, String table,
                                             MaintenanceUpdate update) {
        return MaintenanceInfo.fromJson(connection.call("POST", maintenancePath(bucket, namespace, table), Map.of(),
                update.toJson()).result());
    }

    /**
     * Registers the credential Cloudflare's maintenance jobs would use. floe's run inside the server
     * and need none; it checks that the token is the server's API token.
     */
    public void registerCredential(String bucket, String token) {
        connection.call("POST", path(bucket, "credential"), Map.of(),
                JsonNodeFactory.instance.objectNode().put("token", token));
    }

    private static List<String> maintenancePath(String bucket, List<String> namespace, String table) {
        if (table == null) {
            return path(bucket, "maintenance-configs");
        }
        // A nested namespace's levels are joined by the unit separator, as Cloudflare's API joins them.
        return List.of("r2-catalog", bucket, "namespaces", String.join("\u001f", namespace), "tables", table,
                "maintenance-configs");
    }

    private static List<String> path(String bucket, String action) {
        return List.of("r2-catalog", bucket, action);
    }
}
