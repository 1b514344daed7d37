package dev.floe.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.catalog.BucketCatalog;
import dev.floe.catalog.CatalogService;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Read-only SQL over a bucket's catalog tables, R2 SQL's service. The public face of the query package.
 *
 * <p>A query is parsed by DuckDB, each table it names is planned with Iceberg (the WHERE clause's
 * column-versus-constant predicates prune manifests and data files), the table references are
 * rewritten to read exactly the files kept, and the query runs in a DuckDB of its own that may read
 * those files and nothing else ({@link QuerySandbox}). An unqualified table name is looked up in the
 * namespace {@value #DEFAULT_NAMESPACE}, as R2 SQL's users write {@code FROM do_events}. Besides
 * SELECT: {@code EXPLAIN} (the files kept and pruned), {@code SHOW NAMESPACES}, {@code SHOW TABLES},
 * {@code DESCRIBE} ({@link CatalogStatements}), and time travel ({@link TimeTravel}). Answers are
 * cached ({@link ResultCache}).
 */
public final class QueryService implements AutoCloseable {
    public static final String DEFAULT_NAMESPACE = "default";
    /** R2 SQL answers at most this many rows when a query gives no LIMIT. */
    public static final int DEFAULT_LIMIT = 500;

    private static final Pattern EXPLAIN = Pattern.compile("\\s*EXPLAIN\\s+", Pattern.CASE_INSENSITIVE);

    private final CatalogService catalogs;
    private final QueryLimits limits;
    private final FileCache files;
    private final ResultCache cache = new ResultCache();
    private final ManifestCache manifests = new ManifestCache();
    private final BloomFilterIndex blooms = new BloomFilterIndex();
    /** The FROM items that read tables, by table schema and alias: {@link ScannedTable#readNode}. */
    private final WeighedCache<String, ObjectNode> parsedReads = new WeighedCache<>(1_000, read -> 1);
    private final FreshDatabases databases;
    private final Semaphore running;
    /**
     * Platform threads that run the queries. DuckDB works inside native calls, which a virtual thread
     * cannot leave: on the request's own virtual thread, two long queries held both carriers of a
     * 2-core machine, and every other request, ingest included, waited for one of them to end.
     */
    private final ExecutorService executor;
    /** Parses only: no file access, no tables; each query takes a connection of its own. */
    private final DuckDBConnection parser;

    public QueryService(CatalogService catalogs, QueryLimits limits, Path workDirectory) {
        this.catalogs = catalogs;
        this.limits = limits;
        this.files = new FileCache(workDirectory.resolve("cache"), limits.cacheBytes());
        this.running = new Semaphore(limits.maxConcurrent());
        this.executor = Executors.newFixedThreadPool(limits.maxConcurrent(),
                Thread.ofPlatform().name("floe-query-", 0).daemon(true).factory());
        this.databases = new FreshDatabases(limits);
        try {
            this.parser = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
            try (var statement = parser.createStatement()) {
                // FOR SYSTEM_TIME AS OF a timestamp without a zone means UTC, as everywhere in floe
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot open DuckDB for queries: " + e.getMessage(), e);
        }
    }

    /**
     * Runs one query against a bucket's tables.
     *
     * @throws FloeException {@code SQL_SYNTAX}, {@code SQL_UNSUPPORTED}, {@code NOT_FOUND} (a table or
     *     bucket), {@code CATALOG_NOT_ENABLED}, {@code QUERY_TIMEOUT}, {@code QUERY_TOO_LARGE}, or
     *     {@code TOO_MANY_REQUESTS} when the server already runs its limit of queries
     */
    public QueryResult query(String bucket, String sql) {
        if (!running.tryAcquire()) {
            throw new FloeException(ErrorCode.TOO_MANY_REQUESTS, "the server is running its limit of "
                    + limits.maxConcurrent() + " queries; try again shortly");
        }
        try {
            return await(executor.submit(() -> answer(bucket, sql)));
        } finally {
            running.release();
        }
    }

    private static QueryResult await(Future<QueryResult> answer) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new FloeException(ErrorCode.INTERNAL, "the query failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new FloeException(ErrorCode.UNAVAILABLE, "interrupted while the query ran", e);
        }
    }

    private QueryResult answer(String bucket, String sql) {
        long started = System.nanoTime();
        BucketCatalog catalog = catalogs.catalog(bucket);
        Optional<QueryResult> aboutTheCatalog = CatalogStatements.answer(catalog, sql, started);
        if (aboutTheCatalog.isPresent()) {
            return aboutTheCatalog.get();
        }
        Matcher explain = EXPLAIN.matcher(sql);
        QuerySandbox planned = plan(catalog, explain.lookingAt() ? sql.substring(explain.end()) : sql, started);
        try {
            return explain.lookingAt() ? planned.explain() : cache.answer(planned, () -> planned.run(limits, databases));
        } finally {
            planned.tables().forEach(table -> files.release(table.files()));
        }
    }

    private QuerySandbox plan(BucketCatalog catalog, String sql, long started) {
        try (Connection connection = parser.duplicate()) {
            SqlTree tree = new SqlTree(connection);
            ObjectNode query = tree.parse(TimeTravel.toDuckDb(sql));
            JsonNumberComparisons.rewrite(query, tree);
            Integer defaultLimit = null;
            if (!hasLimit(query)) {
                query.withArray("modifiers").add(limitModifier(tree));
                defaultLimit = DEFAULT_LIMIT;
            }
            TableReferences references = new TableReferences(query);
            List<ScannedTable> scanned = new ArrayList<>();
            try {
                for (TableReferences.Reference reference : references.tables()) {
                    scanned.add(scan(catalog, tree, connection, reference));
                }
            } catch (RuntimeException e) {
                scanned.forEach(table -> files.release(table.files()));
                throw e;
            }
            String text = tree.toSql(query);
            for (ScannedTable table : scanned) {
                text = table.withFiles(text);
            }
            return new QuerySandbox(text, functionNames(query), scanned, files.directory(), defaultLimit, started);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot connect to DuckDB: " + e.getMessage(), e);
        }
    }

    /** Plans one table reference and rewrites it, in the tree, to read the files kept. */
    private ScannedTable scan(BucketCatalog catalog, SqlTree tree, Connection connection,
                              TableReferences.Reference reference) {
        Table table = load(catalog, reference.node());
        TableScan scan = TimeTravel.scan(table, reference.node().get("at_clause"), connection);
        Expression filter = reference.where() == null ? Expressions.alwaysTrue()
                : new PredicatePushdown(scan.schema(), reference.alias()).filter(reference.where());
        ScannedTable plan = ScannedTable.plan(table.name(), table, scan, filter, manifests, blooms, files);
        reference.node().removeAll();
        reference.node().setAll(plan.readNode(tree, reference.alias(), parsedReads));
        return plan;
    }

    private static Table load(BucketCatalog catalog, ObjectNode reference) {
        if (!reference.path("catalog_name").asText().isEmpty()) {
            throw new FloeException(ErrorCode.SQL_UNSUPPORTED, "name a table as namespace.table, not "
                    + reference.path("catalog_name").asText() + "." + reference.path("schema_name").asText() + "."
                    + reference.path("table_name").asText());
        }
        String namespace = reference.path("schema_name").asText();
        return CatalogStatements.load(catalog, TableIdentifier.of(namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace,
                reference.path("table_name").asText()));
    }

    /** The names of every function the query calls, lower case. */
    private static Set<String> functionNames(JsonNode query) {
        Set<String> names = new HashSet<>();
        query.findValues("function_name").forEach(name -> names.add(name.asText().toLowerCase(Locale.ROOT)));
        return names;
    }

    private static boolean hasLimit(JsonNode query) {
        for (JsonNode modifier : query.path("modifiers")) {
            if (modifier.path("type").asText().startsWith("LIMIT")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode limitModifier(SqlTree tree) {
        return tree.parse("SELECT 1 LIMIT " + DEFAULT_LIMIT).path("modifiers").path(0);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        databases.close();
        try {
            parser.close();
        } catch (SQLException e) {
            // an in-memory database: closing frees memory only
        }
    }

    /** The table references of a query, with the WHERE clause that filters each one alone. */
    static final class TableReferences {
        record Reference(ObjectNode node, String alias, JsonNode where) {
        }

        private final List<Reference> tables = new ArrayList<>();
        private final Set<String> cteNames = new HashSet<>();

        TableReferences(JsonNode query) {
            collectCteNames(query);
            walk(query, null);
        }

        List<Reference> tables() {
            return tables;
        }

        private void collectCteNames(JsonNode node) {
            for (JsonNode entry : node.path("cte_map").path("map")) {
                cteNames.add(entry.path("key").asText().toLowerCase(Locale.ROOT));
            }
            node.forEach(this::collectCteNames);
        }

        /** @param where the WHERE clause of the SELECT whose whole FROM is {@code node}, if it is a table */
        private void walk(JsonNode node, JsonNode where) {
            if (!node.isContainerNode()) {
                return;
            }
            if (node.isObject()) {
                String type = node.path("type").asText();
                if (type.equals("TABLE_FUNCTION")) {
                    throw new FloeException(ErrorCode.SQL_UNSUPPORTED, "a query reads tables of the bucket's catalog"
                            + " only, not table functions such as " + node.path("function").path("function_name").asText());
                }
                if (type.equals("BASE_TABLE") && node.has("table_name")) {
                    String name = node.path("table_name").asText();
                    boolean cte = node.path("schema_name").asText().isEmpty()
                            && cteNames.contains(name.toLowerCase(Locale.ROOT));
                    if (!cte) {
                        String alias = node.path("alias").asText();
                        tables.add(new Reference((ObjectNode) node, alias.isEmpty() ? name : alias, where));
                    }
                    return;
                }
                if (type.equals("SELECT_NODE") && node.path("from_table").path("type").asText().equals("BASE_TABLE")) {
                    node.fields().forEachRemaining(field -> walk(field.getValue(),
                            field.getKey().equals("from_table") ? node.get("where_clause") : null));
                    return;
                }
            }
            node.forEach(child -> walk(child, null));
        }
    }
}
