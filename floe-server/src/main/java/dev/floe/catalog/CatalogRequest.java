package dev.floe.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * One Iceberg REST request to a bucket's catalog, as the HTTP layer received it.
 *
 * @param route          the operation
 * @param pathParameters the path's {@code namespace}, {@code table} and {@code view} segments, still
 *                       percent-encoded (a namespace's levels are joined by {@code %1F})
 * @param query          the query parameters, decoded
 * @param body           the request body, empty when there is none
 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
 */
public record CatalogRequest(RestRoute route, Map<String, String> pathParameters, Map<String, String> query,
                             byte[] body, String idempotencyKey) {

    public CatalogRequest {
        Objects.requireNonNull(route, "route");
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
    }
}
