package dev.floe.catalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where catalog state is kept: the JDBC database of Iceberg's {@code JdbcCatalog}, one for every
 * bucket's catalog (each is a catalog name in it). SQLite in the data directory by default; any
 * database JdbcCatalog supports (PostgreSQL) when several floe nodes share the catalogs.
 *
 * @param jdbcUrl  such as {@code jdbc:sqlite:/var/lib/floe/catalog/catalog.db} or
 *                 {@code jdbc:postgresql://db:5432/floe}
 * @param user     the database user, or {@code null}
 * @param password the user's password, or {@code null}
 */
public record CatalogDatabase(String jdbcUrl, String user, String password) {
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    public CatalogDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** SQLite in {@code <data dir>/catalog/catalog.db}. */
    public static CatalogDatabase sqliteIn(Path dataDir) {
        return new CatalogDatabase(SQLITE_PREFIX + dataDir.toAbsolutePath().normalize().resolve("catalog")
                .resolve("catalog.db"), null, null);
    }

    /** The SQLite database file, or {@code null} for another database. */
    Path sqliteFile() {
        if (!jdbcUrl.startsWith(SQLITE_PREFIX)) {
            return null;
        }
        String file = jdbcUrl.substring(SQLITE_PREFIX.length());
        int query = file.indexOf('?');
        return Path.of(query < 0 ? file : file.substring(0, query));
    }

    /** Leaves the password out, so that settings can be logged. */
    @Override
    public String toString() {
        return "CatalogDatabase[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
    }
}
