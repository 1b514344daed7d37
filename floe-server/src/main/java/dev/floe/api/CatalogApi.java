package dev.floe.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.catalog.CatalogAnswer;
import dev.floe.catalog.CatalogRequest;
import dev.floe.catalog.CatalogService;
import dev.floe.catalog.CatalogState;
import dev.floe.catalog.IcebergRestService;
import dev.floe.catalog.RestRoute;
import dev.floe.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The buckets' data catalogs. R2 Data Catalog's control plane,
 * {@code /client/v4/accounts/{account_id}/r2-catalog[/{bucket}[/enable|/disable]]}, in Cloudflare's
 * envelope; and each enabled bucket's Iceberg REST catalog at
 * {@code /catalog/{account_id}/{bucket}/v1/…} (Cloudflare's catalog URI shape), answered by
 * {@link IcebergRestService} in the Iceberg protocol's JSON. Both need the API token; Iceberg clients
 * that sign in with OAuth2 client credentials get it from {@code …/v1/oauth/tokens} (the token is the
 * client secret).
 */
final class CatalogApi {
    static final String CATALOGS = ApiPaths.ACCOUNT + "/r2-catalog";
    /** The prefix of every Iceberg REST catalog path. */
    static final String REST_PREFIX = "/catalog/";
    static final String REST = REST_PREFIX + "{account_id}/{bucket}";
    static final String TOKENS = "/v1/oauth/tokens";
    private static final Pattern TOKEN_PATH = Pattern.compile("/catalog/[^/]+/[^/]+" + Pattern.quote(TOKENS));
    private static final long MAX_BODY_BYTES = 16L << 20;

    private final CatalogService catalogs;
    private final IcebergRestService rest;
    private final BearerToken token;
    private final String catalogBaseUrl;

    /** @param publicBaseUrl where clients reach this server, for the catalog URIs handed out */
    CatalogApi(CatalogService catalogs, IcebergRestService rest, BearerToken token, String publicBaseUrl,
               String accountId) {
        this.catalogs = catalogs;
        this.rest = rest;
        this.token = token;
        this.catalogBaseUrl = publicBaseUrl + REST_PREFIX + accountId + "/";
    }

    /** Whether a path is the OAuth2 token endpoint, which a client calls before it has a token. */
    static boolean isTokenEndpoint(String path) {
        return TOKEN_PATH.matcher(path).matches();
    }

    void register(Router router) {
        router.add("GET", CATALOGS, this::list)
                .add("GET", CATALOGS + "/{bucket}", this::get)
                .add("POST", CATALOGS + "/{bucket}/enable", this::enable)
                .add("POST", CATALOGS + "/{bucket}/disable", this::disable)
                .add("POST", REST + TOKENS, this::token);
        for (RestRoute route : RestRoute.values()) {
            router.add(route.method(), REST + route.path(), exchange -> serve(route, exchange));
        }
    }

    private void list(ApiExchange exchange) throws IOException {
        ObjectNode result = Json.object();
        ArrayNode warehouses = result.putArray("warehouses");
        catalogs.list().forEach(state -> warehouses.add(toJson(state)));
        exchange.send(200, Envelope.success(result));
    }

    private void get(ApiExchange exchange) throws IOException {
        exchange.send(200, Envelope.success(toJson(catalogs.get(exchange.path("bucket")))));
    }

    /** Answers as Cloudflare does: the catalog's id and name (the warehouse). */
    private void enable(ApiExchange exchange) throws IOException {
        CatalogState state = catalogs.enable(exchange.path("bucket"));
        exchange.send(200, Envelope.success(Json.object().put("id", state.id()).put("name", state.warehouse())));
    }

    private void disable(ApiExchange exchange) throws IOException {
        catalogs.disable(exchange.path("bucket"));
        exchange.send(200, Envelope.success(Json.object()));
    }

    private ObjectNode toJson(CatalogState state) {
        return Json.object()
                .put("id", state.id())
                .put("bucket", state.bucket())
                .put("name", state.warehouse())
                .put("status", state.status())
                .put("catalog_uri", catalogBaseUrl + state.bucket());
    }

    private void serve(RestRoute route, ApiExchange exchange) throws IOException {
        ApiExchange.Body body = exchange.readBody(MAX_BODY_BYTES);
        byte[] bytes = Arrays.copyOf(body.bytes(), body.length());
        Map<String, String> parameters = new HashMap<>();
        for (String name : new String[] {"namespace", "table", "view"}) {
            if (exchange.path(name) != null) {
                parameters.put(name, exchange.path(name));
            }
        }
        CatalogAnswer answer = rest.handle(bucket(exchange), new CatalogRequest(route, parameters,
                exchange.queryParameters(), bytes, exchange.header("Idempotency-Key")));
        exchange.sendBytes(answer.status(), "application/json", answer.json());
    }

    private static String bucket(ApiExchange exchange) {
        return URLDecoder.decode(exchange.path("bucket"), StandardCharsets.UTF_8);
    }

    /**
     * OAuth2's token endpoint, for clients configured with a {@code credential}
     * ({@code client_id:client_secret}) rather than a {@code token}: the secret must be the API token,
     * which is then the access token. A token exchange presents the token it has as {@code subject_token}.
     */
    private void token(ApiExchange exchange) throws IOException {
        ApiExchange.Body body = exchange.readBody(64 * 1024);
        Map<String, String> form = ApiExchange.parseForm(new String(body.bytes(), 0, body.length(),
                StandardCharsets.UTF_8));
        String presented = form.getOrDefault("client_secret", form.get("subject_token"));
        if (!token.matches(presented)) {
            exchange.send(401, Json.object().put("error", "invalid_client")
                    .put("error_description", "the client secret must be this server's API token"));
            return;
        }
        exchange.send(200, Json.object()
                .put("access_token", token.configured() ? presented : "floe-without-token")
                .put("token_type", "bearer")
                .put("issued_token_type", "urn:ietf:params:oauth:token-type:access_token"));
    }
}
