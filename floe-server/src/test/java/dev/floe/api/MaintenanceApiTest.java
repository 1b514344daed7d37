package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R2 Data Catalog's maintenance-configs for a catalog and for one table, and the maintenance
 * credential: their shapes, defaults, errors, and that they last across a restart.
 */
class MaintenanceApiTest {
    private static final String TOKEN = "maintenance-token";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        server.createBucketWithCatalog(TOKEN, Map.of("name", "lake"));
        assertThat(call("POST", server.r2Url("buckets"), Map.of("name", "plain")).status()).isEqualTo(200);
        IcebergClient.createTable(server, "lake", TOKEN, TableIdentifier.of("db", "events"),
                new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void nothingRunsUntilEnabled() {
        JsonNode result = ok(call("GET", configs(""), null));

        assertThat(result.path("credential_status").asText()).isEqualTo("absent");
        assertThat(result.path("maintenance_config").toString()).isEqualTo(
                "{\"compaction\":{\"state\":\"disabled\",\"target_size_mb\":\"128\"},"
                        + "\"snapshot_expiration\":{\"state\":\"disabled\",\"max_snapshot_age\":\"30d\","
                        + "\"min_snapshots_to_keep\":5}}");
        assertThat(ok(call("GET", configs("/namespaces/db/tables/events"), null)).path("maintenance_config"))
                .isEqualTo(result.path("maintenance_config"));
    }

    @Test
    void aCatalogsPolicyIsChangedAndItsTablesFollowItUnlessSetThemselves() {
        JsonNode changed = ok(call("POST", configs(""),
                Map.of("compaction", Map.of("state", "enabled", "targetSizeMb", 256))));
        assertThat(changed.path("compaction").path("state").asText()).isEqualTo("enabled");
        assertThat(changed.path("compaction").path("target_size_mb").asText()).isEqualTo("256");
        ok(call("POST", configs(""), Map.of("snapshot_expiration",
                Map.of("state", "enabled", "max_snapshot_age", "7d", "min_snapshots_to_keep", 10))));

        JsonNode table = ok(call("POST", configs("/namespaces/db/tables/events"),
                Map.of("snapshot_expiration", Map.of("state", "enabled", "older_than_days", 3, "retain_last", 2))));

        assertThat(table.path("compaction").path("target_size_mb").asText()).as("the catalog's").isEqualTo("256");
        assertThat(table.path("snapshot_expiration").path("max_snapshot_age").asText()).isEqualTo("3d");
        assertThat(table.path("snapshot_expiration").path("min_snapshots_to_keep").asInt()).isEqualTo(2);
        ok(call("POST", configs(""), Map.of("compaction", Map.of("state", "disabled"))));
        assertThat(ok(call("GET", configs("/namespaces/db/tables/events"), null))
                .path("maintenance_config").path("compaction").path("state").asText()).isEqualTo("disabled");
        JsonNode catalog = ok(call("GET", configs(""), null)).path("maintenance_config");
        assertThat(catalog.path("snapshot_expiration").path("max_snapshot_age").asText()).isEqualTo("7d");
    }

    @Test
    void policiesLastAcrossARestart() {
        ok(call("POST", configs(""), Map.of("compaction", Map.of("state", "enabled"))));
        ok(call("POST", configs("/namespaces/db/tables/events"), Map.of("compaction", Map.of("target_size_mb", "512"))));
        server.close();

        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));

        assertThat(ok(call("GET", configs(""), null)).path("maintenance_config").path("compaction").path("state")
                .asText()).isEqualTo("enabled");
        assertThat(ok(call("GET", configs("/namespaces/db/tables/events"), null)).path("maintenance_config")
                .path("compaction").path("target_size_mb").asText()).isEqualTo("512");
    }

    @Test
    void theCredentialMustBeTheServersToken() {
        Answer wrong = call("POST", server.catalogControlUrl("lake/credential"), Map.of("token", "guess"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.errorMessage()).contains("must be this server's API token");
        assertThat(call("POST", server.catalogControlUrl("lake/credential"), Map.of()).status()).isEqualTo(400);

        ok(call("POST", server.catalogControlUrl("lake/credential"), Map.of("token", TOKEN)));

        assertThat(ok(call("GET", configs(""), null)).path("credential_status").asText()).isEqualTo("present");
    }

    @Test
    void mistakesAreReportedWithWhatToDo() {
        Answer size = call("POST", configs(""), Map.of("compaction", Map.of("target_size_mb", "100")));
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.errorMessage()).contains("'compaction.target_size_mb' must be one of [64, 128, 256, 512]");

        Answer table = call("GET", configs("/namespaces/db/tables/nowhere"), null);
        assertThat(table.status()).isEqualTo(404);
        assertThat(table.errorMessage()).contains("table 'db.nowhere' does not exist");

        Answer notEnabled = call("GET", server.catalogControlUrl("plain/maintenance-configs"), null);
        assertThat(notEnabled.status()).isEqualTo(404);
        assertThat(notEnabled.errorCode()).isEqualTo(40401);

        Answer noToken = HttpCall.request("GET", configs("")).send();
        assertThat(noToken.status()).isEqualTo(401);
    }

    private String configs(String table) {
        return server.catalogControlUrl("lake" + table + "/maintenance-configs");
    }

    private static Answer call(String method, String url, Object body) {
        HttpCall call = HttpCall.request(method, url).bearer(TOKEN);
        return (body == null ? call : call.json(body)).send();
    }

    private static JsonNode ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }
}
