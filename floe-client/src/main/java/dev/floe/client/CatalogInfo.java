package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A bucket's data catalog, as R2 Data Catalog describes it.
 *
 * @param id         the catalog's id
 * @param bucket     the bucket it belongs to
 * @param warehouse  the warehouse name Iceberg clients give, {@code <account id>_<bucket>}
 * @param status     {@code active}, or {@code inactive} once disabled
 * @param catalogUri the Iceberg REST catalog's URI, for clients such as Spark or PyIceberg
 * @param raw        the whole object as the server sent it
 */
public record CatalogInfo(String id, String bucket, String warehouse, String status, String catalogUri,
                          JsonNode raw) {

    public static CatalogInfo fromJson(JsonNode json) {
        return new CatalogInfo(
                json.path("id").asText(null),
                json.path("bucket").asText(null),
                json.path("name").asText(null),
                json.path("status").asText(null),
                json.path("catalog_uri").asText(null),
                json.deepCopy());
    }
}
