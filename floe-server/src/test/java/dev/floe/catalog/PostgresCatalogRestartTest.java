package dev.floe.catalog;

/** Catalogs and tables in PostgreSQL survive a restart. */
class PostgresCatalogRestartTest extends CatalogRestartContract implements OnPostgres {
}
