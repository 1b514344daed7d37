package dev.floe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a catalog holds survives a restart: which buckets have one, and their tables with their rows. */
class CatalogRestartTest {
    private static final String TOKEN = "restart-token";

    @TempDir
    Path dataDir;

    private static HttpCall.Answer control(RunningServer server, String method, String path) {
        return HttpCall.request(method, server.catalogControlUrl(path)).bearer(TOKEN).send();
    }

    @Test
    void catalogsAndTablesSurviveARestart() throws Exception {
        Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                Types.NestedField.optional(2, "name", Types.StringType.get()));
        String id;
        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN))) {
            for (String bucket : new String[] {"kept", "switched-off"}) {
                HttpCall.request("POST", server.r2Url("buckets")).bearer(TOKEN).json(Map.of("name", bucket)).send();
                control(server, "POST", bucket + "/enable");
            }
            id = control(server, "GET", "kept").json().path("result").path("id").asText();
            try (RESTCatalog catalog = IcebergClient.connect(server, "kept", TOKEN, IcebergClient.localFiles())) {
                catalog.createNamespace(Namespace.of("db"));
                Table table = catalog.createTable(TableIdentifier.of("db", "events"), schema);
                IcebergClient.append(table, Map.of(1L, "before the restart"));
            }
            control(server, "POST", "switched-off/disable");
        }
        assertThat(dataDir.resolve("catalog/catalog.db")).isRegularFile();

        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN))) {
            assertThat(control(server, "GET", "kept").json().path("result").path("id").asText()).isEqualTo(id);
            assertThat(control(server, "GET", "switched-off").json().path("result").path("status").asText())
                    .isEqualTo("inactive");
            try (RESTCatalog catalog = IcebergClient.connect(server, "kept", TOKEN, IcebergClient.localFiles())) {
                Table table = catalog.loadTable(TableIdentifier.of("db", "events"));
                IcebergClient.append(table, Map.of(2L, "after it"));
                assertThat(IcebergClient.rows(catalog.loadTable(TableIdentifier.of("db", "events"))))
                        .containsExactlyInAnyOrder("1:before the restart", "2:after it");
            }
        }
    }
}
