package dev.floe.catalog;

/** Iceberg's Java client against catalogs kept in SQLite. */
class IcebergClientTest extends IcebergClientContract implements OnSqlite {
}
