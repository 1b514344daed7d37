package dev.floe.sink;

import java.util.Objects;

/**
 * The Iceberg table an {@code r2_data_catalog} sink appends to, in its bucket's catalog.
 *
 * @param token the catalog token given at creation, as Cloudflare's sinks take one; the catalog is in
 *              this server, so it is kept (never shown) but not needed to write
 */
public record TableTarget(String namespace, String tableName, String token) {

    public TableTarget {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(tableName, "tableName");
    }
}
