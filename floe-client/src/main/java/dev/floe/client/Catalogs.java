package dev.floe.client;

import dev.floe.client.internal.ApiConnection;

import java.util.List;
import java.util.Map;

/**
 * Enables, disables and describes the data catalogs of buckets: the control plane of
 * {@code /client/v4/accounts/{account}/r2-catalog/{bucket}}. Get it from {@link FloeClient#catalogs()}.
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

    private static List<String> path(String bucket, String action) {
        return List.of("r2-catalog", bucket, action);
    }
}
