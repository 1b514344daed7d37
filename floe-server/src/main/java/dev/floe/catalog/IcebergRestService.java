package dev.floe.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.RESTMessage;
import org.apache.iceberg.rest.RESTSerializers;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RegisterViewRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.LoadTableResponse;
import org.apache.iceberg.UpdateRequirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Iceberg REST catalog protocol over the buckets' catalogs: each request is decoded with
 * Iceberg's own serializers, carried out by iceberg-core's {@link CatalogHandlers} (which also retry a
 * conflicting commit on the fresh table state, re-checking the client's requirements) on the bucket's
 * {@link JdbcCatalog}, and answered in the protocol's JSON, failures as its {@code ErrorResponse}.
 *
 * <p>Three things are floe's own: a location a client asks for outside the bucket is left out
 * ({@link InsideBucket}), so tables stay in their bucket; a table or view is created only in a
 * namespace that exists; and mutating requests with an {@code Idempotency-Key} are answered once
 * ({@link IdempotencyCache}).
 */
public final class IcebergRestService {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergRestService.class);
    /** How the client joins a namespace's levels in a path segment (the unit separator, encoded). */
    private static final String NAMESPACE_SEPARATOR = "%1F";
    private static final ObjectMapper MAPPER = mapper();
    private static final List<Endpoint> ENDPOINTS = Arrays.stream(RestRoute.values())
            .map(RestRoute::endpoint).filter(Objects::nonNull).toList();

    private final CatalogService catalogs;
    private final IdempotencyCache idempotency;

    public IcebergRestService(CatalogService catalogs, Clock clock) {
        this.catalogs = catalogs;
        this.idempotency = new IdempotencyCache(clock);
    }

    /** Iceberg's REST JSON, as iceberg-core's own (package-private) RESTObjectMapper configures it. */
    private static ObjectMapper mapper() {
        JsonFactory factory = new JsonFactoryBuilder()
                .configure(JsonFactory.Feature.INTERN_FIELD_NAMES, false)
                .configure(JsonFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW, false)
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());
        RESTSerializers.registerAll(mapper);
        return mapper;
    }

    /** Answers a request to the catalog of {@code bucket}; never throws. */
    public CatalogAnswer handle(String bucket, CatalogRequest request) {
        try {
            BucketCatalog catalog = catalogs.catalog(bucket);
            if (request.idempotencyKey() != null && request.route().mutating()) {
                return idempotency.answer(catalog.warehouse(), request, () -> answer(catalog, request));
            }
            return answer(catalog, request);
        } catch (RuntimeException e) {
            return RestErrors.answer(e);
        }
    }

    private CatalogAnswer answer(BucketCatalog catalog, CatalogRequest request) {
        try {
            return execute(catalog, request);
        } catch (RuntimeException e) {
            return RestErrors.answer(e);
        }
    }

    private CatalogAnswer execute(BucketCatalog bucket, CatalogRequest request) {
        JdbcCatalog catalog = bucket.catalog();
        return switch (request.route()) {
            case CONFIG -> config(bucket, request);
            case LIST_NAMESPACES -> json(pageSize(request) == null
                    ? CatalogHandlers.listNamespaces(catalog, parent(request))
                    : CatalogHandlers.listNamespaces(catalog, parent(request), pageToken(request), pageSize(request)));
            case CREATE_NAMESPACE -> json(CatalogHandlers.createNamespace(catalog,
                    read(request, CreateNamespaceRequest.class)));
            case LOAD_NAMESPACE -> json(CatalogHandlers.loadNamespace(catalog, namespace(request)));
            case NAMESPACE_EXISTS -> empty(() -> CatalogHandlers.namespaceExists(catalog, namespace(request)));
            case DROP_NAMESPACE -> empty(() -> CatalogHandlers.dropNamespace(catalog, namespace(request)));
            case UPDATE_NAMESPACE_PROPERTIES -> json(CatalogHandlers.updateNamespaceProperties(catalog,
                    namespace(request), read(request, UpdateNamespacePropertiesRequest.class)));
            case LIST_TABLES -> json(pageSize(request) == null
                    ? CatalogHandlers.listTables(catalog, namespace(request))
                    : CatalogHandlers.listTables(catalog, namespace(request), pageToken(request), pageSize(request)));
            case CREATE_TABLE -> createTable(bucket, request);
            case REGISTER_TABLE -> registerTable(bucket, request);
            case LOAD_TABLE -> json(CatalogHandlers.loadTable(catalog, table(request), snapshots(request)));
            case TABLE_EXISTS -> empty(() -> CatalogHandlers.tableExists(catalog, table(request)));
            case UPDATE_TABLE -> updateTable(bucket, request);
            case DROP_TABLE -> dropTable(bucket, request);
            // Scan and commit reports are for a metrics service; floe takes them and drops them.
            case REPORT_METRICS -> CatalogAnswer.empty();
            case RENAME_TABLE -> renameTable(bucket, request);
            case LIST_VIEWS -> json(pageSize(request) == null
                    ? CatalogHandlers.listViews(catalog, namespace(request))
                    : CatalogHandlers.listViews(catalog, namespace(request), pageToken(request), pageSize(request)));
            case CREATE_VIEW -> json(CatalogHandlers.createView(catalog, existingNamespace(bucket, request),
                    bucket.insideBucket().create(read(request, CreateViewRequest.class))));
            case REGISTER_VIEW -> json(CatalogHandlers.registerView(catalog, existingNamespace(bucket, request),
                    read(request, RegisterViewRequest.class)));
            case LOAD_VIEW -> json(CatalogHandlers.loadView(catalog, view(request)));
            case VIEW_EXISTS -> empty(() -> CatalogHandlers.viewExists(catalog, view(request)));
            case UPDATE_VIEW -> json(CatalogHandlers.updateView(catalog, view(request),
                    bucket.insideBucket().update(read(request, UpdateTableRequest.class))));
            case DROP_VIEW -> empty(() -> CatalogHandlers.dropView(catalog, view(request)));
            case RENAME_VIEW -> empty(() -> CatalogHandlers.renameView(catalog, read(request, RenameTableRequest.class)));
        };
    }

    /**
     * The catalog's settings for clients: the warehouse is already in the URI, so a client that
     * names another one has the wrong URI or the wrong warehouse.
     */
    private static CatalogAnswer config(BucketCatalog bucket, CatalogRequest request) {
        String warehouse = request.query().get("warehouse");
        if (warehouse != null && !warehouse.isEmpty() && !warehouse.equals(bucket.warehouse())) {
            throw new BadRequestException("Warehouse %s is not served at this URI: its warehouse is %s",
                    warehouse, bucket.warehouse());
        }
        return json(ConfigResponse.builder()
                .withDefaults(bucket.clientDefaults())
                .withEndpoints(ENDPOINTS)
                .withIdempotencyKeyLifetime(IdempotencyCache.LIFETIME_ISO)
                .build());
    }

    private CatalogAnswer createTable(BucketCatalog bucket, CatalogRequest request) {
        Namespace namespace = existingNamespace(bucket, request);
        CreateTableRequest create = bucket.insideBucket().create(read(request, CreateTableRequest.class));
        if (create.stageCreate()) {
            return json(CatalogHandlers.stageTableCreate(bucket.catalog(), namespace, create));
        }
        LoadTableResponse created = CatalogHandlers.createTable(bucket.catalog(), namespace, create);
        LOG.info("Created table {} in warehouse {} at {}", TableIdentifier.of(namespace, create.name()),
                bucket.warehouse(), created.tableMetadata().location());
        return json(created);
    }

    /**
     * The request's namespace, which must exist: JdbcCatalog would create a table in a namespace
     * that does not, which no listing would then show.
     */
    private static Namespace existingNamespace(BucketCatalog bucket, CatalogRequest request) {
        Namespace namespace = namespace(request);
        if (!bucket.catalog().namespaceExists(namespace)) {
            throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
        }
        return namespace;
    }

    private CatalogAnswer registerTable(BucketCatalog bucket, CatalogRequest request) {
        Namespace namespace = existingNamespace(bucket, request);
        RegisterTableRequest register = read(request, RegisterTableRequest.class);
        LoadTableResponse registered = CatalogHandlers.registerTable(bucket.catalog(), namespace, register);
        LOG.info("Registered table {} in warehouse {} from {}", TableIdentifier.of(namespace, register.name()),
                bucket.warehouse(), register.metadataLocation());
        return json(registered);
    }

    private CatalogAnswer updateTable(BucketCatalog bucket, CatalogRequest request) {
        TableIdentifier table = table(request);
        UpdateTableRequest update = bucket.insideBucket().update(read(request, UpdateTableRequest.class));
        LoadTableResponse updated = CatalogHandlers.updateTable(bucket.catalog(), table, update);
        // A staged creation (a create-table transaction) becomes a table with this commit.
        if (update.requirements().stream().anyMatch(UpdateRequirement.AssertTableDoesNotExist.class::isInstance)) {
            LOG.info("Created table {} in warehouse {} at {}", table, bucket.warehouse(),
                    updated.tableMetadata().location());
        }
        return json(updated);
    }

    private CatalogAnswer renameTable(BucketCatalog bucket, CatalogRequest request) {
        RenameTableRequest rename = read(request, RenameTableRequest.class);
        CatalogHandlers.renameTable(bucket.catalog(), rename);
        LOG.info("Renamed table {} to {} in warehouse {}", rename.source(), rename.destination(), bucket.warehouse());
        return CatalogAnswer.empty();
    }

    private CatalogAnswer dropTable(BucketCatalog bucket, CatalogRequest request) {
        TableIdentifier table = table(request);
        boolean purge = Boolean.parseBoolean(request.query().get("purgeRequested"));
        if (purge) {
            CatalogHandlers.purgeTable(bucket.catalog(), table);
        } else {
            CatalogHandlers.dropTable(bucket.catalog(), table);
        }
        LOG.info("Dropped table {} from warehouse {}; its files were {}", table, bucket.warehouse(),
                purge ? "deleted" : "kept");
        return CatalogAnswer.empty();
    }

    /**
     * A page size, or {@code null} for all at once: clients send an empty {@code pageToken} to say
     * they can page, and a {@code pageSize} when they want pages.
     */
    private static String pageSize(CatalogRequest request) {
        String size = request.query().get("pageSize");
        return size == null || size.isEmpty() ? null : size;
    }

    private static String pageToken(CatalogRequest request) {
        String token = request.query().get("pageToken");
        return token == null || token.isEmpty() ? null : token;
    }

    private static Namespace parent(CatalogRequest request) {
        String parent = request.query().get("parent");
        return parent == null || parent.isEmpty() ? Namespace.empty() : RESTUtil.namespaceFromQueryParam(parent);
    }

    private static Namespace namespace(CatalogRequest request) {
        return RESTUtil.decodeNamespace(request.pathParameters().get("namespace"), NAMESPACE_SEPARATOR);
    }

    private static TableIdentifier table(CatalogRequest request) {
        return TableIdentifier.of(namespace(request), RESTUtil.decodeString(request.pathParameters().get("table")));
    }

    private static TableIdentifier view(CatalogRequest request) {
        return TableIdentifier.of(namespace(request), RESTUtil.decodeString(request.pathParameters().get("view")));
    }

    private static RESTCatalogProperties.SnapshotMode snapshots(CatalogRequest request) {
        String mode = request.query().get("snapshots");
        if (mode == null || mode.isEmpty()) {
            return RESTCatalogProperties.SnapshotMode.ALL;
        }
        try {
            return RESTCatalogProperties.SnapshotMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Query parameter snapshots must be all or refs, got %s", mode);
        }
    }

    private static <T extends RESTMessage> T read(CatalogRequest request, Class<T> type) {
        if (request.body().length == 0) {
            throw new BadRequestException("The request has no body; send a %s as JSON", type.getSimpleName());
        }
        T message;
        try {
            message = MAPPER.readValue(request.body(), type);
        } catch (IOException | RuntimeException e) {
            throw new BadRequestException("The request body is not a valid %s: %s", type.getSimpleName(),
                    e.getMessage());
        }
        message.validate();
        return message;
    }

    private static CatalogAnswer json(Object response) {
        try {
            return new CatalogAnswer(200, MAPPER.writeValueAsBytes(response));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a catalog answer as JSON", e);
        }
    }

    private static CatalogAnswer empty(Runnable action) {
        action.run();
        return CatalogAnswer.empty();
    }
}
