package dev.floe.catalog;

import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The database a catalog test keeps the catalogs in. A contract ({@code …Contract}) implements it
 * and leaves it open; each subclass chooses by implementing {@link OnSqlite} or {@link OnPostgres},
 * so that the same tests run against every database floe supports.
 */
interface CatalogDatabaseUnderTest {
    /** The server settings that choose the database: none for the default. */
    Map<String, String> catalogDatabase();

    /** Starts a server with its catalogs in this database, its data in {@code dataDir}, and an API token. */
    default RunningServer startServer(Path dataDir, String apiToken) {
        Map<String, String> settings = new HashMap<>(catalogDatabase());
        settings.put("api-token", apiToken);
        return RunningServer.start(dataDir, settings);
    }
}
