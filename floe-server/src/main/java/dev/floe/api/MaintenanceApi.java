package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.catalog.maintenance.CatalogPolicies;
import dev.floe.catalog.maintenance.MaintenanceConfigs;
import dev.floe.catalog.maintenance.PolicyJson;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The maintenance of buckets' data catalogs, in R2 Data Catalog's shapes:
 * {@code …/r2-catalog/{bucket}/maintenance-configs} for a catalog (GET answers
 * {@code credential_status} and {@code maintenance_config}), {@code …/r2-catalog/{bucket}/namespaces/
 * {namespace}/tables/{table}/maintenance-configs} for one table (its effective configuration), and
 * {@code …/r2-catalog/{bucket}/credential}, where wrangler registers the token Cloudflare's maintenance
 * would use. floe's maintenance runs inside the server and needs none, so the credential must be the
 * server's own API token: a typo is reported rather than kept. A nested namespace is written with its
 * levels joined by the unit separator ({@code %1F}), as Cloudflare's API writes it.
 */
final class MaintenanceApi {
    private static final String CATALOG = CatalogApi.CATALOGS + "/{bucket}";
    private static final String TABLE = CATALOG + "/namespaces/{namespace}/tables/{table}";
    private static final String CONFIGS = "/maintenance-configs";

    private final MaintenanceConfigs configs;
    private final BearerToken token;

    MaintenanceApi(MaintenanceConfigs configs, BearerToken token) {
        this.configs = configs;
        this.token = token;
    }

    void register(Router router) {
        router.add("GET", CATALOG + CONFIGS, this::getCatalog)
                .add("POST", CATALOG + CONFIGS, this::updateCatalog)
                .add("GET", TABLE + CONFIGS, this::getTable)
                .add("POST", TABLE + CONFIGS, this::updateTable)
                .add("POST", CATALOG + "/credential", this::credential);
    }

    private void getCatalog(ApiExchange exchange) throws IOException {
        CatalogPolicies policies = configs.catalog(decoded(exchange, "bucket"));
        ObjectNode result = Json.object().put("credential_status", policies.credential() ? "present" : "absent");
        result.set("maintenance_config", PolicyJson.toJson(policies.catalog()));
        exchange.send(200, Envelope.success(result));
    }

    private void updateCatalog(ApiExchange exchange) throws IOException {
        CatalogPolicies changed = configs.updateCatalog(decoded(exchange, "bucket"), exchange.readJson());
        exchange.send(200, Envelope.success(PolicyJson.toJson(changed.catalog())));
    }

    private void getTable(ApiExchange exchange) throws IOException {
        ObjectNode result = Json.object();
        result.set("maintenance_config", PolicyJson.toJson(configs.table(decoded(exchange, "bucket"), table(exchange))));
        exchange.send(200, Envelope.success(result));
    }

    private void updateTable(ApiExchange exchange) throws IOException {
        JsonNode update = exchange.readJson();
        exchange.send(200, Envelope.success(PolicyJson.toJson(
                configs.updateTable(decoded(exchange, "bucket"), table(exchange), update))));
    }

    private void credential(ApiExchange exchange) throws IOException {
        JsonNode presented = exchange.readJson().path("token");
        if (!presented.isTextual() || presented.asText().isEmpty()) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "'token' is required: the API token maintenance "
                    + "uses, which for floe is the server's own");
        }
        if (!token.matches(presented.asText())) {
            throw new FloeException(ErrorCode.FORBIDDEN, "the catalog credential must be this server's API token: "
                    + "floe's maintenance runs inside the server, and a different token is most likely a mistake");
        }
        configs.recordCredential(decoded(exchange, "bucket"));
        exchange.send(200, Envelope.success(Json.object()));
    }

    private static TableIdentifier table(ApiExchange exchange) {
        Namespace namespace = Namespace.of(decoded(exchange, "namespace").split("\u001f"));
        return TableIdentifier.of(namespace, decoded(exchange, "table"));
    }

    private static String decoded(ApiExchange exchange, String parameter) {
        return URLDecoder.decode(exchange.path(parameter), StandardCharsets.UTF_8);
    }
}
