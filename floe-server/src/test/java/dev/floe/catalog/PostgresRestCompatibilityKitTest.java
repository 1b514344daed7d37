package dev.floe.catalog;

/** Iceberg's REST Compatibility Kit against catalogs kept in PostgreSQL. */
class PostgresRestCompatibilityKitTest extends RestCompatibilityKitContract implements OnPostgres {
}
