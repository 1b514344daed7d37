package dev.floe.catalog;

/** Catalogs and tables in SQLite survive a restart. */
class CatalogRestartTest extends CatalogRestartContract implements OnSqlite {
}
