package dev.floe.catalog;

/** Iceberg's REST Compatibility Kit against catalogs kept in SQLite. */
class RestCompatibilityKitTest extends RestCompatibilityKitContract implements OnSqlite {
}
