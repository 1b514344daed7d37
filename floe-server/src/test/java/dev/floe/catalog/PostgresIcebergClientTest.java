package dev.floe.catalog;

/** Iceberg's Java client against catalogs kept in PostgreSQL. */
class PostgresIcebergClientTest extends IcebergClientContract implements OnPostgres {
}
