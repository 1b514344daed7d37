package dev.floe.catalog.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.catalog.CatalogService;
import dev.floe.catalog.CatalogState;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.DefinitionStore;
import dev.floe.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance configured for catalogs and their tables (R2 Data Catalog's {@code maintenance-configs}),
 * kept in {@code <directory>/<bucket>.json}. The public face of maintenance's configuration; the
 * {@link MaintenanceScheduler} reads it before each round.
 *
 * <p>Changes are serialized by one lock; reads are lock-free.
 */
public final class MaintenanceConfigs {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceConfigs.class);

    private final CatalogService catalogs;
    private final DefinitionStore<CatalogPolicies> store;
    private final Object lock = new Object();

    public MaintenanceConfigs(Path directory, CatalogService catalogs) {
        this.catalogs = catalogs;
        this.store = new DefinitionStore<>(directory, "maintenance configuration", DefinitionStore.Codec.of(
                CatalogPolicies::bucket, CatalogPolicies::bucket, MaintenanceConfigs::toJson,
                MaintenanceConfigs::fromJson));
    }

    /**
     * The maintenance of a bucket's catalog, enabled or not.
     *
     * @throws FloeException {@code NOT_FOUND} for a bucket that does not exist, {@code CATALOG_NOT_ENABLED}
     *     for one whose catalog was never enabled
     */
    public CatalogPolicies catalog(String bucket) {
        return current(catalogs.get(bucket));
    }

    /** Changes a catalog's policy; what the update leaves out stays as it was. */
    public CatalogPolicies updateCatalog(String bucket, JsonNode update) {
        CatalogState state = catalogs.get(bucket);
        synchronized (lock) {
            CatalogPolicies current = current(state);
            CatalogPolicies changed = new CatalogPolicies(bucket, state.id(), current.credential(),
                    PolicyJson.update(current.catalog(), current.catalog(), update), current.tables());
            store.put(changed);
            LOG.info("Maintenance of the catalog of bucket {} is now {}", bucket, PolicyJson.toJson(changed.catalog()));
            return changed;
        }
    }

    /** Records that a maintenance credential was given for the catalog. */
    public void recordCredential(String bucket) {
        CatalogState state = catalogs.get(bucket);
        synchronized (lock) {
            CatalogPolicies current = current(state);
            store.put(new CatalogPolicies(bucket, state.id(), true, current.catalog(), current.tables()));
        }
    }

    /**
     * The policy a table gets: what was set for it, and its catalog's for the rest.
     *
     * @throws FloeException {@code NOT_FOUND} for a table that does not exist
     */
    public MaintenancePolicy table(String bucket, TableIdentifier identifier) {
        CatalogState state = catalogs.get(bucket);
        return current(state).effective(load(bucket, identifier).uuid().toString());
    }

    /** Changes what is set for one table; its other parts still come from its catalog. */
    public MaintenancePolicy updateTable(String bucket, TableIdentifier identifier, JsonNode update) {
        CatalogState state = catalogs.get(bucket);
        String uuid = load(bucket, identifier).uuid().toString();
        synchronized (lock) {
            CatalogPolicies current = current(state);
            TablePolicy table = current.tables().get(uuid);
            MaintenancePolicy changed = PolicyJson.update(table != null ? table.policy() : MaintenancePolicy.INHERIT,
                    current.catalog(), update);
            Map<String, TablePolicy> tables = new HashMap<>(current.tables());
            tables.put(uuid, new TablePolicy(uuid, Arrays.asList(identifier.namespace().levels()), identifier.name(),
                    changed));
            store.put(new CatalogPolicies(bucket, state.id(), current.credential(), current.catalog(), tables));
            MaintenancePolicy effective = changed.over(current.catalog());
            LOG.info("Maintenance of table {} in bucket {} is now {}", identifier, bucket, PolicyJson.toJson(effective));
            return effective;
        }
    }

    /**
     * What is configured for a catalog, as the scheduler reads it: the defaults (nothing runs) when
     * nothing was, or when what was is left from an earlier catalog of a bucket of the same name.
     */
    CatalogPolicies current(CatalogState state) {
        return store.byName(state.bucket()).filter(policies -> policies.catalogId().equals(state.id()))
                .orElseGet(() -> CatalogPolicies.empty(state.bucket(), state.id()));
    }

    private Table load(String bucket, TableIdentifier identifier) {
        try {
            return catalogs.catalog(bucket).catalog().loadTable(identifier);
        } catch (NoSuchTableException e) {
            throw new FloeException(ErrorCode.NOT_FOUND, "table '" + identifier + "' does not exist in the data "
                    + "catalog of bucket '" + bucket + "'; list its tables with an Iceberg client");
        }
    }

    private static JsonNode toJson(CatalogPolicies policies) {
        ObjectNode json = Json.object()
                .put("bucket", policies.bucket())
                .put("catalog_id", policies.catalogId())
                .put("credential", policies.credential());
        json.set("catalog", PolicyJson.toStoredJson(policies.catalog()));
        ArrayNode tables = json.putArray("tables");
        policies.tables().values().stream()
                .sorted((a, b) -> a.uuid().compareTo(b.uuid()))
                .forEach(table -> {
                    ObjectNode entry = tables.addObject().put("uuid", table.uuid()).put("name", table.name());
                    ArrayNode namespace = entry.putArray("namespace");
                    table.namespace().forEach(namespace::add);
                    entry.set("policy", PolicyJson.toStoredJson(table.policy()));
                });
        return json;
    }

    private static CatalogPolicies fromJson(JsonNode json) {
        Map<String, TablePolicy> tables = new HashMap<>();
        for (JsonNode entry : json.path("tables")) {
            List<String> namespace = new ArrayList<>();
            entry.path("namespace").forEach(level -> namespace.add(level.asText()));
            TablePolicy table = new TablePolicy(entry.path("uuid").asText(), namespace, entry.path("name").asText(),
                    PolicyJson.fromStoredJson(entry.path("policy")));
            tables.put(table.uuid(), table);
        }
        return new CatalogPolicies(json.path("bucket").asText(), json.path("catalog_id").asText(),
                json.path("credential").asBoolean(), PolicyJson.fromStoredJson(json.path("catalog"))
                .over(MaintenancePolicy.DEFAULT), tables);
    }
}
