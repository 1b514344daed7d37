package dev.floe.catalog;

import dev.floe.bucket.BucketDefinition;
import dev.floe.storage.Bucket;
import dev.floe.storage.LocalBucket;
import dev.floe.storage.S3Clients;
import dev.floe.storage.S3Settings;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.DelegateFileIO;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * One bucket's Iceberg catalog: a {@link JdbcCatalog} named after the warehouse, in the shared catalog
 * database, whose tables' files are in the bucket under {@value #TABLES_PREFIX}/.
 *
 * <p>A new table goes to {@code __catalog/<namespace>/<table>-<uuid>}: Iceberg's layout, made unique so
 * that a table created again under a dropped one's name never shares its folder (the dropped table's
 * files may still be there, and may be registered again).
 */
public final class BucketCatalog implements AutoCloseable {
    /** Where new tables go in the bucket, apart from the files sinks and users put there. */
    public static final String TABLES_PREFIX = "__catalog";

    private final String warehouse;
    private final JdbcCatalog catalog;
    private final BucketFileIO files;
    private final Map<String, String> clientDefaults;

    private BucketCatalog(String warehouse, JdbcCatalog catalog, BucketFileIO files, Map<String, String> clientDefaults) {
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.files = files;
        this.clientDefaults = clientDefaults;
    }

    /**
     * Opens the catalog, creating Iceberg's tables in the database when they are missing.
     *
     * @throws org.apache.iceberg.jdbc.UncheckedSQLException when the database cannot be reached
     */
    static BucketCatalog open(String warehouse, BucketDefinition definition, Bucket bucket, CatalogDatabase database) {
        BucketFileIO files;
        Map<String, String> clientDefaults = new LinkedHashMap<>();
        if (bucket instanceof LocalBucket local) {
            files = new BucketFileIO(new LocalFileIO(local.staging()), LocalFileIO.location(local.root()),
                    definition.name());
        } else {
            S3Settings s3 = definition.s3();
            DelegateFileIO s3Files = new S3FileIO(() -> S3Clients.create(s3));
            s3Files.initialize(Map.of());
            files = new BucketFileIO(s3Files, "s3://" + s3.bucket(), definition.name());
            // What another engine needs to find the files; its own credentials sign it in.
            if (s3.endpoint() != null) {
                clientDefaults.put("s3.endpoint", s3.endpoint().toString());
            }
            clientDefaults.put("s3.path-style-access", Boolean.toString(s3.pathStyle()));
            clientDefaults.put("client.region", s3.region());
        }
        JdbcCatalog catalog = new JdbcCatalog(ignored -> files, null, true);
        catalog.initialize(warehouse, properties(database, files.root()));
        // Not Map.copyOf: Iceberg asks maps whether they hold a null key, which immutable maps refuse.
        return new BucketCatalog(warehouse, catalog, files, Collections.unmodifiableMap(clientDefaults));
    }

    private static Map<String, String> properties(CatalogDatabase database, String root) {
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.URI, database.jdbcUrl());
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, root + "/" + TABLES_PREFIX);
        properties.put("unique-table-location", "true");
        // V1 adds views to the catalog tables (and migrates a V0 database).
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
        if (database.user() != null) {
            properties.put(JdbcCatalog.PROPERTY_PREFIX + "user", database.user());
        }
        if (database.password() != null) {
            properties.put(JdbcCatalog.PROPERTY_PREFIX + "password", database.password());
        }
        if (database.sqliteFile() != null) {
            // Every bucket's catalog has connections to the one file: writers wait for each other
            // rather than fail, and readers do not wait for writers.
            properties.put(JdbcCatalog.PROPERTY_PREFIX + "busy_timeout", "30000");
            properties.put(JdbcCatalog.PROPERTY_PREFIX + "journal_mode", "WAL");
        }
        return properties;
    }

    public String warehouse() {
        return warehouse;
    }

    /** The Iceberg catalog itself, for maintenance, which loads and changes its tables. */
    public JdbcCatalog catalog() {
        return catalog;
    }

    /** The bucket's Iceberg tables, for the parts of floe that write and read them. */
    public Catalog tables() {
        return catalog;
    }

    BucketFileIO files() {
        return files;
    }

    InsideBucket insideBucket() {
        return new InsideBucket(files);
    }

    /** Catalog properties handed to clients as defaults in the {@code config} answer. */
    Map<String, String> clientDefaults() {
        return clientDefaults;
    }

    /** Closes the database connections and the files' clients. */
    @Override
    public void close() {
        catalog.close();
    }
}
