package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.bucket.BucketService;
import dev.floe.bucket.BucketUsage;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The one question of Cloudflare's GraphQL analytics API that floe answers: a bucket's stored
 * objects and bytes ({@code r2StorageAdaptiveGroups}), which {@code wrangler r2 bucket info} asks for
 * at {@code POST /client/v4/graphql}. floe counts them by listing the bucket. Any other query gets a
 * GraphQL error saying so.
 */
final class GraphqlApi {
    static final String GRAPHQL = ApiPaths.CLIENT_V4 + "/graphql";
    private static final String STORAGE_METRICS = "r2StorageAdaptiveGroups";

    private final BucketService buckets;
    private final String accountId;
    private final Clock clock;

    GraphqlApi(BucketService buckets, String accountId, Clock clock) {
        this.buckets = buckets;
        this.accountId = accountId;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("POST", GRAPHQL, this::query);
    }

    private void query(ApiExchange exchange) throws IOException {
        JsonNode request = exchange.readJson();
        if (!request.path("query").asText("").contains(STORAGE_METRICS)) {
            exchange.send(200, errors("floe answers only the R2 storage metrics query (" + STORAGE_METRICS + ")"));
            return;
        }
        JsonNode variables = request.path("variables");
        if (!accountId.equals(variables.path("accountTag").asText())) {
            exchange.send(200, errors("account '" + variables.path("accountTag").asText()
                    + "' is not served here; use this server's account id"));
            return;
        }
        ObjectNode data = Json.object();
        ArrayNode groups = data.putObject("viewer").putArray("accounts").addObject().putArray(STORAGE_METRICS);
        BucketUsage usage = usage(variables.path("filter").path("bucketName").asText());
        if (usage != null) {
            ObjectNode group = groups.addObject();
            group.putObject("max")
                    .put("objectCount", usage.objectCount())
                    .put("payloadSize", usage.payloadBytes())
                    .put("metadataSize", 0);
            group.putObject("dimensions").put("datetime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        ObjectNode response = Json.object();
        response.set("data", data);
        response.putNull("errors");
        exchange.send(200, response);
    }

    /**
     * The usage of the bucket a query names, or {@code null} when there is no such bucket (the query
     * then finds no data, as Cloudflare's does). wrangler names a bucket of a jurisdiction
     * {@code <jurisdiction>_<name>}; bucket names have no underscore, so the prefix is unambiguous.
     */
    private BucketUsage usage(String bucketName) {
        String name = bucketName.substring(bucketName.indexOf('_') + 1);
        try {
            return buckets.usage(name);
        } catch (FloeException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static ObjectNode errors(String message) {
        ObjectNode response = Json.object();
        response.putNull("data");
        response.putArray("errors").addObject().put("message", message);
        return response;
    }
}
