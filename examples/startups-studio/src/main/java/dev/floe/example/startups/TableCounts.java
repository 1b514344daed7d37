package dev.floe.example.startups;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.client.FloeClient;

/**
 * What a lake table holds of the objects' rows: how many rows, and how many distinct
 * {@code (object, seq)} keys. Every row an object commits has a key of its own, so fewer keys than rows
 * means some row was written twice.
 */
record TableCounts(long rows, long keys) {
    static TableCounts of(FloeClient client, String bucket, LakeFlow flow) {
        JsonNode row = client.sql().query(bucket, "SELECT COUNT(*) AS row_count, "
                + "COUNT(DISTINCT object || '#' || CAST(seq AS VARCHAR)) AS key_count FROM " + flow.table())
                .rows().getFirst();
        return new TableCounts(row.path("row_count").asLong(), row.path("key_count").asLong());
    }

    long duplicates() {
        return rows - keys;
    }
}
