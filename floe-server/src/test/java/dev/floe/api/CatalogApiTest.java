package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R2 Data Catalog's control plane (enable, disable, get) and the Iceberg REST catalog's answers to
 * what is wrong before any table: a missing bucket, a catalog not enabled, a missing token.
 */
class CatalogApiTest {
    private static final String TOKEN = "catalog-token";
    private static final String WAREHOUSE = RunningServer.ACCOUNT + "_lake";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        Answer created = HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).json(Map.of("name", "lake"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer control(String method, String path) {
        return HttpCall.request(method, server.catalogControlUrl(path)).bearer(TOKEN).send();
    }

    private Answer rest(String method, String bucket, String path) {
        return HttpCall.request(method, server.catalogUri(bucket) + path).bearer(TOKEN).send();
    }

    @Test
    void enableAnswersTheIdAndWarehouseAndGetTheStatusAndUri() {
        Answer enabled = control("POST", "lake/enable");

        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        JsonNode result = enabled.json().path("result");
        assertThat(result.path("name").asText()).isEqualTo(WAREHOUSE);
        assertThat(result.path("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        JsonNode catalog = control("GET", "lake").json().path("result");
        assertThat(catalog.path("id").asText()).isEqualTo(result.path("id").asText());
        assertThat(catalog.path("bucket").asText()).isEqualTo("lake");
        assertThat(catalog.path("name").asText()).isEqualTo(WAREHOUSE);
        assertThat(catalog.path("status").asText()).isEqualTo("active");
        assertThat(catalog.path("catalog_uri").asText()).isEqualTo(server.catalogUri("lake"));
        assertThat(control("GET", "").json().path("result").path("warehouses").findValuesAsText("name"))
                .containsExactly(WAREHOUSE);

        Answer config = HttpCall.request("GET", catalog.path("catalog_uri").asText() + "/v1/config?warehouse=" + WAREHOUSE)
                .bearer(TOKEN).send();
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        assertThat(config.json().path("endpoints").toString()).contains("POST /v1/{prefix}/namespaces/{namespace}/tables");
        assertThat(config.json().path("idempotency-key-lifetime").asText()).isEqualTo("PT30M");
        Answer metrics = HttpCall.request("POST", server.catalogUri("lake") + "/v1/namespaces/db/tables/t/metrics")
                .bearer(TOKEN).json(Map.of("report-type", "scan-report")).send();
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(204);
    }

    @Test
    void disablingKeepsTheCatalogInactiveAndEnablingAgainKeepsItsId() {
        String id = control("POST", "lake/enable").json().path("result").path("id").asText();
        assertThat(control("POST", "lake/enable").json().path("result").path("id").asText())
                .as("enabling an enabled catalog changes nothing").isEqualTo(id);

        Answer disabled = control("POST", "lake/disable");
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(control("GET", "lake").json().path("result").path("status").asText()).isEqualTo("inactive");
        Answer config = rest("GET", "lake", "/v1/config");
        assertThat(config.status()).isEqualTo(404);
        assertThat(config.json().path("error").path("message").asText()).contains("is disabled", "catalog enable lake");

        assertThat(control("POST", "lake/enable").json().path("result").path("id").asText()).isEqualTo(id);
        assertThat(rest("GET", "lake", "/v1/config").status()).isEqualTo(200);
    }

    @Test
    void aCatalogNeverEnabledIsCloudflaresNotEnabledError() {
        for (Answer answer : new Answer[] {control("GET", "lake"), control("POST", "lake/disable")}) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.errorCode()).as("wrangler matches on Cloudflare's code").isEqualTo(40401);
            assertThat(answer.errorMessage()).contains("is not enabled", "catalog enable lake");
        }
        Answer rest = rest("GET", "lake", "/v1/namespaces");
        assertThat(rest.status()).isEqualTo(404);
        JsonNode error = rest.json().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(404);
        assertThat(error.path("type").asText()).isEqualTo("NotFoundException");
        assertThat(error.path("message").asText()).contains("is not enabled", "catalog enable lake");
    }

    @Test
    void anUnknownBucketIsNotFound() {
        Answer enable = control("POST", "nowhere/enable");
        assertThat(enable.status()).isEqualTo(404);
        assertThat(enable.errorMessage()).contains("bucket 'nowhere' does not exist");
        assertThat(control("GET", "nowhere").errorCode()).isEqualTo(1004);

        Answer rest = rest("GET", "nowhere", "/v1/config");
        assertThat(rest.status()).isEqualTo(404);
        assertThat(rest.json().path("error").path("message").asText()).contains("bucket 'nowhere' does not exist");
    }

    @Test
    void everyCatalogPathNeedsTheToken() {
        control("POST", "lake/enable");

        Answer control = HttpCall.request("GET", server.catalogControlUrl("lake")).send();
        assertThat(control.status()).isEqualTo(401);
        assertThat(control.errorMessage()).contains("needs an API token");

        Answer rest = HttpCall.request("GET", server.catalogUri("lake") + "/v1/config").bearer("wrong").send();
        assertThat(rest.status()).isEqualTo(401);
        assertThat(rest.header("WWW-Authenticate")).isEqualTo("Bearer");
        JsonNode error = rest.json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("NotAuthorizedException");
        assertThat(error.path("message").asText()).contains("not valid");
        assertThat(HttpCall.request("GET", server.catalogUri("nowhere") + "/v1/config").send().status())
                .as("nothing is told about buckets without the token").isEqualTo(401);
    }

    @Test
    void oauthClientCredentialsTradeTheApiTokenForAnAccessToken() {
        String tokens = server.catalogUri("lake") + "/v1/oauth/tokens";
        Answer granted = HttpCall.request("POST", tokens).header("Content-Type", "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=spark&client_secret=" + TOKEN + "&scope=catalog").send();
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(granted.json().path("access_token").asText()).isEqualTo(TOKEN);
        assertThat(granted.json().path("token_type").asText()).isEqualTo("bearer");

        Answer refused = HttpCall.request("POST", tokens).header("Content-Type", "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=spark&client_secret=guess").send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aBucketWithAnEnabledCatalogIsNotDeleted() {
        control("POST", "lake/enable");

        Answer refused = HttpCall.request("DELETE", server.r2Url("buckets/lake")).bearer(TOKEN).send();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorMessage()).contains("has an enabled data catalog; disable it first");

        control("POST", "lake/disable");
        assertThat(HttpCall.request("DELETE", server.r2Url("buckets/lake")).bearer(TOKEN).send().status()).isEqualTo(200);
        HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).json(Map.of("name", "lake")).send();
        assertThat(control("GET", "lake").errorCode()).as("a new bucket of the same name has no catalog").isEqualTo(40401);
    }

    @Test
    void aMutatingRequestSentAgainWithItsIdempotencyKeyGetsTheFirstAnswer() {
        control("POST", "lake/enable");
        String namespaces = server.catalogUri("lake") + "/v1/namespaces";
        Map<String, Object> body = Map.of("namespace", new String[] {"sales"}, "properties", Map.of());

        Answer first = HttpCall.request("POST", namespaces).bearer(TOKEN).header("Idempotency-Key", "key-1").json(body)
                .send();
        Answer again = HttpCall.request("POST", namespaces).bearer(TOKEN).header("Idempotency-Key", "key-1").json(body)
                .send();
        Answer newKey = HttpCall.request("POST", namespaces).bearer(TOKEN).header("Idempotency-Key", "key-2").json(body)
                .send();
        Answer otherRequest = HttpCall.request("POST", namespaces).bearer(TOKEN).header("Idempotency-Key", "key-1")
                .json(Map.of("namespace", new String[] {"other"})).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).as("replayed, not a conflict with itself").isEqualTo(200);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(newKey.status()).as("a new key is a new request").isEqualTo(409);
        assertThat(newKey.json().path("error").path("type").asText()).isEqualTo("AlreadyExistsException");
        assertThat(otherRequest.status()).isEqualTo(422);
        assertThat(otherRequest.json().path("error").path("message").asText()).contains("already used for another request");
    }

    @Test
    void theWarehouseInTheUriMustBeTheOneAskedFor() {
        control("POST", "lake/enable");

        Answer config = rest("GET", "lake", "/v1/config?warehouse=other");
        assertThat(config.status()).isEqualTo(400);
        assertThat(config.json().path("error").path("message").asText()).contains("Warehouse other is not served");
    }
}
