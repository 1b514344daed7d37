package dev.floe.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.bucket.BucketDefinition;
import dev.floe.bucket.BucketService;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.DefinitionStore;
import dev.floe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data catalogs of buckets: enabling, disabling and describing them (R2 Data Catalog's control
 * plane), and opening the Iceberg catalog of an enabled one. The public face of the catalog package.
 *
 * <p>Which buckets have a catalog is kept in {@code <directory>/<bucket>.json}; the catalogs
 * themselves (namespaces, tables, views and where their metadata is) in the {@link CatalogDatabase},
 * one catalog name per bucket. Disabling a catalog keeps both, and every file of its tables: enabling
 * it again brings the same tables back.
 *
 * <p>Enabling and disabling are serialized by one lock, and so is opening a catalog (which may
 * create Iceberg's tables in the database); an opened catalog is shared until it is disabled.
 */
public final class CatalogService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

    private final BucketService buckets;
    private final CatalogDatabase database;
    private final String accountId;
    private final Clock clock;
    private final DefinitionStore<CatalogState> states;
    private final Map<String, BucketCatalog> open = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    public CatalogService(Path directory, CatalogDatabase database, BucketService buckets, String accountId,
                          Clock clock) {
        this.buckets = buckets;
        this.database = database;
        this.accountId = accountId;
        this.clock = clock;
        this.states = new DefinitionStore<>(directory, "catalog", DefinitionStore.Codec.of(
                CatalogState::bucket, CatalogState::bucket, CatalogService::toJson, CatalogService::fromJson));
        Path sqlite = database.sqliteFile();
        if (sqlite != null && sqlite.getParent() != null) {
            try {
                Files.createDirectories(sqlite.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder of the catalog database " + sqlite, e);
            }
        }
    }

    /**
     * Enables the bucket's catalog: a new one, or the one it had before it was disabled. Enabling an
     * enabled catalog changes nothing.
     *
     * @throws FloeException {@code NOT_FOUND} for a bucket that does not exist, {@code UNAVAILABLE}
     *     when the catalog database cannot be reached
     */
    public CatalogState enable(String bucket) {
        BucketDefinition definition = buckets.get(bucket);
        synchronized (lock) {
            CatalogState existing = states.byName(bucket).orElse(null);
            if (existing != null && existing.active()) {
                return existing;
            }
            CatalogState state = existing != null ? existing.withActive(true)
                    : new CatalogState(bucket, UUID.randomUUID().toString(), accountId + "_" + bucket, true,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            // Opened before it is recorded: a database that cannot be reached leaves the catalog disabled.
            BucketCatalog catalog = openCatalog(state, definition);
            if (existing == null) {
                clearLeftovers(catalog);
            }
            open.put(bucket, catalog);
            states.put(state);
            LOG.info("Enabled the data catalog of bucket {}: warehouse {}, tables under {}/{}", bucket,
                    state.warehouse(), catalog.files().root(), BucketCatalog.TABLES_PREFIX);
            return state;
        }
    }

    /**
     * Disables the bucket's catalog. Its tables and their files are kept; enabling it again serves
     * them again.
     *
     * @throws FloeException {@code CATALOG_NOT_ENABLED} when it was never enabled
     */
    public CatalogState disable(String bucket) {
        buckets.get(bucket);
        synchronized (lock) {
            CatalogState state = require(bucket);
            if (!state.active()) {
                return state;
            }
            CatalogState disabled = state.withActive(false);
            states.put(disabled);
            closeQuietly(open.remove(bucket));
            LOG.info("Disabled the data catalog of bucket {}; its tables' files stay in the bucket", bucket);
            return disabled;
        }
    }

    /**
     * @throws FloeException {@code NOT_FOUND} for a bucket that does not exist,
     *     {@code CATALOG_NOT_ENABLED} for one whose catalog was never enabled
     */
    public CatalogState get(String bucket) {
        buckets.get(bucket);
        return require(bucket);
    }

    /** Every bucket's catalog, enabled or not, by bucket name. */
    public List<CatalogState> list() {
        return states.all(Comparator.comparing(CatalogState::bucket));
    }

    /** Whether the bucket's catalog is enabled. */
    public boolean enabled(String bucket) {
        return states.byName(bucket).map(CatalogState::active).orElse(false);
    }

    /**
     * The Iceberg catalog of a bucket whose catalog is enabled, opened on first use and shared: do
     * not close it.
     *
     * @throws FloeException {@code NOT_FOUND} for a bucket that does not exist, {@code CATALOG_NOT_ENABLED}
     *     when its catalog is not enabled
     */
    public BucketCatalog catalog(String bucket) {
        BucketCatalog catalog = open.get(bucket);
        if (catalog != null) {
            return catalog;
        }
        BucketDefinition definition = buckets.get(bucket);
        synchronized (lock) {
            CatalogState state = require(bucket);
            if (!state.active()) {
                throw notEnabled(bucket, "is disabled");
            }
            return open.computeIfAbsent(bucket, ignored -> openCatalog(state, definition));
        }
    }

    /**
     * Forgets the disabled catalog of a deleted bucket. Its entries in the database go when a bucket
     * of the same name enables a catalog (see {@link #enable}).
     */
    public void forget(String bucket) {
        synchronized (lock) {
            states.byName(bucket).ifPresent(state -> {
                states.remove(state);
                LOG.info("Forgot the data catalog of deleted bucket {}", bucket);
            });
        }
    }

    /**
     * Drops what a deleted bucket's catalog of the same name left in the database (namespaces, and
     * entries of tables whose files went with the bucket): a new catalog starts empty.
     */
    private static void clearLeftovers(BucketCatalog catalog) {
        List<Namespace> leftovers = catalog.catalog().listNamespaces(Namespace.empty());
        if (!leftovers.isEmpty()) {
            LOG.warn("Dropping the entries a deleted bucket's catalog left in warehouse {}: namespaces {}",
                    catalog.warehouse(), leftovers);
            clear(catalog.catalog(), Namespace.empty());
        }
    }

    private static void clear(JdbcCatalog catalog, Namespace parent) {
        for (Namespace namespace : catalog.listNamespaces(parent)) {
            clear(catalog, namespace);
            for (TableIdentifier view : catalog.listViews(namespace)) {
                catalog.dropView(view);
            }
            for (TableIdentifier table : catalog.listTables(namespace)) {
                catalog.dropTable(table, false);
            }
            catalog.dropNamespace(namespace);
        }
    }

    private BucketCatalog openCatalog(CatalogState state, BucketDefinition definition) {
        try {
            return BucketCatalog.open(state.warehouse(), definition, buckets.open(definition.name()), database);
        } catch (org.apache.iceberg.jdbc.UncheckedSQLException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot open the data catalog of bucket '"
                    + state.bucket() + "' in the catalog database " + database.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private CatalogState require(String bucket) {
        return states.byName(bucket).orElseThrow(() -> notEnabled(bucket, "is not enabled"));
    }

    private static FloeException notEnabled(String bucket, String state) {
        return new FloeException(ErrorCode.CATALOG_NOT_ENABLED, "the data catalog of bucket '" + bucket + "' " + state
                + "; enable it with 'wrangler r2 bucket catalog enable " + bucket + "' or 'floe r2 bucket catalog enable "
                + bucket + "'");
    }

    private static void closeQuietly(BucketCatalog catalog) {
        if (catalog == null) {
            return;
        }
        try {
            catalog.close();
        } catch (RuntimeException e) {
            LOG.warn("Could not close the catalog of warehouse {}", catalog.warehouse(), e);
        }
    }

    private static JsonNode toJson(CatalogState state) {
        return Json.object()
                .put("bucket", state.bucket())
                .put("id", state.id())
                .put("warehouse", state.warehouse())
                .put("active", state.active())
                .put("enabled_at", state.enabledAt().toString());
    }

    private static CatalogState fromJson(JsonNode json) {
        return new CatalogState(json.path("bucket").asText(), json.path("id").asText(), json.path("warehouse").asText(),
                json.path("active").asBoolean(), Instant.parse(json.path("enabled_at").asText()));
    }

    /** Closes every opened catalog. */
    @Override
    public void close() {
        open.values().forEach(CatalogService::closeQuietly);
        open.clear();
    }
}
