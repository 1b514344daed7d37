package dev.floe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a catalog holds survives a restart: which buckets have one, and their tables with their rows;
 * the tables are kept in the catalog database the server was given. Run against each database by
 * {@link CatalogRestartTest} (SQLite) and {@link PostgresCatalogRestartTest}.
 */
abstract class CatalogRestartContract implements CatalogDatabaseUnderTest {
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
        try (RunningServer server = startServer(dataDir, TOKEN)) {
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
        assertThat(Files.exists(dataDir.resolve("catalog/catalog.db")))
                .as("SQLite in the data directory, by default only")
                .isEqualTo(catalogDatabase().isEmpty());
        assertThat(tablesInTheCatalogDatabase()).containsExactly(RunningServer.ACCOUNT + "_kept db.events");

        try (RunningServer server = startServer(dataDir, TOKEN)) {
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

    /** The tables in the catalog database, as {@code "<catalog> <namespace>.<table>"}: JdbcCatalog's own rows. */
    private List<String> tablesInTheCatalogDatabase() throws SQLException {
        Map<String, String> settings = catalogDatabase();
        String url = settings.getOrDefault("catalog-jdbc-url", CatalogDatabase.sqliteIn(dataDir).jdbcUrl());
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, settings.get("catalog-jdbc-user"),
                settings.get("catalog-jdbc-password"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT catalog_name, table_namespace, table_name FROM iceberg_tables")) {
            while (rows.next()) {
                tables.add(rows.getString(1) + " " + rows.getString(2) + "." + rows.getString(3));
            }
        }
        return tables;
    }
}
