package dev.floe.catalog;

import java.util.Map;

/** Catalogs in the default database: SQLite in the data directory. */
interface OnSqlite extends CatalogDatabaseUnderTest {
    @Override
    default Map<String, String> catalogDatabase() {
        return Map.of();
    }
}
