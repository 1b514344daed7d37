package dev.floe.catalog;

import dev.floe.testing.LocalPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Catalogs in PostgreSQL: a new database for each test class, in the test run's throwaway cluster
 * (see {@link LocalPostgres}: it installs Debian's PostgreSQL when the machine has none).
 */
interface OnPostgres extends CatalogDatabaseUnderTest {
    /** One for every class that implements this; each class sets it to a database of its own before its tests. */
    @RegisterExtension
    LocalPostgres POSTGRES = new LocalPostgres();

    @Override
    default Map<String, String> catalogDatabase() {
        return POSTGRES.catalogSettings();
    }
}
