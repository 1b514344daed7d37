package dev.floe.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.bucket.BucketDefinition;
import dev.floe.bucket.BucketService;
import dev.floe.catalog.CatalogService;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import dev.floe.sink.SinkService;
import dev.floe.storage.S3Settings;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * R2's bucket control plane: {@code /client/v4/accounts/{account_id}/r2/buckets[/{bucket_name}]}.
 * Buckets are answered in R2's shape ({@code name}, {@code creation_date}, {@code location},
 * {@code storage_class}, {@code jurisdiction}); an S3-backed one also has {@code floe_s3}, without
 * its credentials.
 */
final class BucketsApi {
    static final String BUCKETS = ApiPaths.ACCOUNT + "/r2/buckets";
    private static final int MAX_PER_PAGE = 1000;
    private static final String JURISDICTION = "default";

    private final BucketService buckets;
    private final SinkService sinks;
    private final CatalogService catalogs;

    BucketsApi(BucketService buckets, SinkService sinks, CatalogService catalogs) {
        this.buckets = buckets;
        this.sinks = sinks;
        this.catalogs = catalogs;
    }

    void register(Router router) {
        router.add("GET", BUCKETS, this::list)
                .add("POST", BUCKETS, this::create)
                .add("GET", BUCKETS + "/{bucket_name}", this::get)
                .add("DELETE", BUCKETS + "/{bucket_name}", this::delete);
    }

    /**
     * A page of buckets in name order, R2's way: {@code result.buckets}, and {@code result_info.cursor}
     * when more follow (the name the page ended at). Also takes {@code name_contains},
     * {@code start_after} and {@code direction}.
     */
    private void list(ApiExchange exchange) throws IOException {
        checkJurisdiction(exchange);
        int perPage = exchange.intQuery("per_page", MAX_PER_PAGE, 1, MAX_PER_PAGE);
        boolean descending = descending(exchange.query("direction"));
        String after = exchange.query("cursor") != null ? exchange.query("cursor") : exchange.query("start_after");
        String contains = exchange.query("name_contains");
        Comparator<String> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        List<BucketDefinition> matching = buckets.list().stream()
                .filter(bucket -> contains == null || bucket.name().contains(contains))
                .filter(bucket -> after == null || after.isEmpty() || order.compare(bucket.name(), after) > 0)
                .sorted(Comparator.comparing(BucketDefinition::name, order))
                .toList();
        List<BucketDefinition> page = matching.subList(0, Math.min(perPage, matching.size()));
        ObjectNode result = Json.object();
        ArrayNode items = result.putArray("buckets");
        page.forEach(bucket -> items.add(toJson(bucket)));
        ObjectNode envelope = Envelope.success(result);
        ObjectNode info = envelope.putObject("result_info").put("per_page", perPage);
        if (matching.size() > page.size()) {
            info.put("cursor", page.getLast().name());
        }
        exchange.send(200, envelope);
    }

    private static boolean descending(String direction) {
        if (direction == null || direction.isEmpty() || direction.equals("asc")) {
            return false;
        }
        if (direction.equals("desc")) {
            return true;
        }
        throw new FloeException(ErrorCode.INVALID_REQUEST,
                "query parameter direction must be asc or desc, got '" + direction + "'");
    }

    private void create(ApiExchange exchange) throws IOException {
        checkJurisdiction(exchange);
        BucketDefinition created = buckets.create(BucketRequests.create(exchange.readJson()));
        exchange.send(200, Envelope.success(toJson(created)));
    }

    private void get(ApiExchange exchange) throws IOException {
        checkJurisdiction(exchange);
        exchange.send(200, Envelope.success(toJson(buckets.get(exchange.path("bucket_name")))));
    }

    private void delete(ApiExchange exchange) throws IOException {
        checkJurisdiction(exchange);
        String name = exchange.path("bucket_name");
        if (sinks.writesTo(name)) {
            throw new FloeException(ErrorCode.CONFLICT, "bucket '" + name + "' is written by a sink; delete the sink first");
        }
        if (catalogs.enabled(name)) {
            throw new FloeException(ErrorCode.CONFLICT, "bucket '" + name + "' has an enabled data catalog; disable it "
                    + "first (wrangler r2 bucket catalog disable " + name + ")");
        }
        buckets.delete(name);
        catalogs.forget(name);
        exchange.send(200, Envelope.success(Json.object()));
    }

    /**
     * R2 keeps buckets of other jurisdictions (EU, FedRAMP) apart; floe has only the default one, and
     * says so rather than answer for buckets that would be somewhere else on R2.
     */
    private static void checkJurisdiction(ApiExchange exchange) {
        String jurisdiction = exchange.header("cf-r2-jurisdiction");
        if (jurisdiction != null && !jurisdiction.toLowerCase(Locale.ROOT).equals(JURISDICTION)) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "jurisdiction '" + jurisdiction
                    + "' is not served here: floe keeps every bucket in the default jurisdiction; "
                    + "leave out the jurisdiction (wrangler's --jurisdiction)");
        }
    }

    private static ObjectNode toJson(BucketDefinition bucket) {
        ObjectNode json = Json.object();
        json.put("name", bucket.name());
        json.put("creation_date", bucket.createdAt().toString());
        if (bucket.location() != null) {
            json.put("location", bucket.location());
        }
        json.put("storage_class", bucket.storageClass().apiName());
        json.put("jurisdiction", JURISDICTION);
        S3Settings s3 = bucket.s3();
        if (s3 != null) {
            ObjectNode settings = json.putObject(BucketRequests.S3_FIELD);
            if (s3.endpoint() != null) {
                settings.put("endpoint", s3.endpoint().toString());
            }
            settings.put("region", s3.region()).put("bucket", s3.bucket()).put("path_style", s3.pathStyle());
        }
        return json;
    }
}
