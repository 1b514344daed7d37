package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.client.internal.ApiConnection;
import dev.floe.client.internal.ApiResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates, lists, reads and deletes buckets: the control plane of
 * {@code /client/v4/accounts/{account}/r2/buckets}. Get it from {@link FloeClient#buckets()}.
 *
 * <p>Every method throws {@link dev.floe.error.FloeException} with the server's code and message when
 * the request fails, {@code UNAVAILABLE} when floe cannot be reached. Nothing is retried.
 */
public final class Buckets {
    private static final List<String> COLLECTION = List.of("r2", "buckets");

    private final ApiConnection connection;

    Buckets(ApiConnection connection) {
        this.connection = connection;
    }

    public BucketInfo create(BucketSpec spec) {
        return BucketInfo.fromJson(connection.call("POST", COLLECTION, Map.of(), spec.toJson()).result());
    }

    /** Every bucket of the account, by name (all pages). */
    public List<BucketInfo> list() {
        List<BucketInfo> buckets = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = cursor == null ? Map.of() : Map.of("cursor", cursor);
            ApiResult answer = connection.call("GET", COLLECTION, query, null);
            answer.result().path("buckets").forEach(bucket -> buckets.add(BucketInfo.fromJson(bucket)));
            JsonNode next = answer.resultInfo().path("cursor");
            cursor = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
        } while (cursor != null);
        return buckets;
    }

    /** The bucket with this name; {@code NOT_FOUND} when there is none. */
    public BucketInfo get(String name) {
        return BucketInfo.fromJson(connection.call("GET", bucketPath(name), Map.of(), null).result());
    }

    /** Deletes an empty bucket; {@code CONFLICT} when it holds objects. */
    public void delete(String name) {
        connection.call("DELETE", bucketPath(name), Map.of(), null);
    }

    private static List<String> bucketPath(String name) {
        List<String> path = new ArrayList<>(COLLECTION);
        path.add(name);
        return path;
    }
}
