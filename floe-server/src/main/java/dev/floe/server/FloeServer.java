package dev.floe.server;

import dev.floe.api.HttpApi;
import dev.floe.bucket.BucketService;
import dev.floe.catalog.CatalogService;
import dev.floe.engine.EngineSettings;
import dev.floe.catalog.maintenance.MaintenanceConfigs;
import dev.floe.catalog.maintenance.MaintenanceScheduler;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.pipeline.PipelineService;
import dev.floe.pipeline.SqlValidation;
import dev.floe.pipeline.run.CommitHooks;
import dev.floe.pipeline.run.PipelineSupervisor;
import dev.floe.query.QueryService;
import dev.floe.sink.SinkService;
import dev.floe.stream.StreamMetrics;
import dev.floe.stream.StreamService;
import dev.floe.stream.ingest.IngestBodyParser;
import dev.floe.stream.log.local.LocalLogStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * floe in one process: the stream logs, the buckets and their catalogs, the services over them, the
 * pipelines' runners, and the HTTP API in front.
 */
public final class FloeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FloeServer.class);

    /** How much the embedded DuckDB that compiles pipeline SQL may take. */
    private static final int ENGINE_THREADS = 1;
    private static final long ENGINE_MEMORY_BYTES = 256L << 20;
    /** Pipelines run on every core; their buffers spill to disk past the memory limit. */
    private static final int PIPELINE_ENGINE_THREADS = Runtime.getRuntime().availableProcessors();
    private static final long PIPELINE_ENGINE_MEMORY_BYTES = 1L << 30;
    /** Compaction rewrites on every core, one table at a time; a rewrite spills to disk past the memory limit. */
    private static final int MAINTENANCE_ENGINE_THREADS = Runtime.getRuntime().availableProcessors();
    private static final long MAINTENANCE_ENGINE_MEMORY_BYTES = 1L << 30;

    private final ServerConfig config;
    private final Deque<AutoCloseable> opened;
    private final StreamService streams;
    private final BucketService buckets;
    private final CatalogService catalogs;
    private final MaintenanceScheduler catalogMaintenance;
    private final HttpApi api;
    private final ScheduledExecutorService maintenance;

    private FloeServer(ServerConfig config, Deque<AutoCloseable> opened, StreamService streams, BucketService buckets,
                       CatalogService catalogs, MaintenanceScheduler catalogMaintenance, HttpApi api) {
        this.config = config;
        this.opened = opened;
        this.streams = streams;
        this.buckets = buckets;
        this.catalogs = catalogs;
        this.catalogMaintenance = catalogMaintenance;
        this.api = api;
        this.maintenance = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("floe-maintenance").daemon(true).factory());
    }

    /**
     * Opens the data directory (recovering every log) and starts serving. When it fails, whatever it
     * opened is closed again and the data directory is free for another try.
     */
    public static FloeServer start(ServerConfig config) throws IOException {
        return start(config, CommitHooks.NONE);
    }

    /**
     * Like {@link #start(ServerConfig)}, with hooks called at each step of every pipeline's rolls: crash
     * tests stop the process there.
     */
    public static FloeServer start(ServerConfig config, CommitHooks commitHooks) throws IOException {
        Files.createDirectories(config.dataDir());
        Path data = config.dataDir();
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            opened.push(new DataDirectoryLock(data));
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Clock clock = Clock.systemUTC();
            LocalLogStore logs = push(opened, new LocalLogStore(data.resolve("logs"), config.log()));
            StreamService streams = push(opened, new StreamService(data.resolve("streams"), logs,
                    new StreamMetrics(metrics), clock, new IngestBodyParser()));
            BucketService buckets = push(opened, new BucketService(data.resolve("buckets"), clock));
            CatalogService catalogs = push(opened, new CatalogService(data.resolve("catalog").resolve("warehouses"),
                    config.catalogDatabase(), buckets, config.accountId(), clock));
            SinkService sinks = new SinkService(data.resolve("sinks"), buckets::exists, catalogs::enabled, clock);
            SqlValidation sqlValidation = push(opened, new SqlValidation(streams, sinks,
                    new EngineSettings(ENGINE_THREADS, ENGINE_MEMORY_BYTES, data.resolve("engine")), clock));
            PipelineSupervisor runs = push(opened, new PipelineSupervisor(streams, sinks, buckets, catalogs,
                    new EngineSettings(PIPELINE_ENGINE_THREADS, PIPELINE_ENGINE_MEMORY_BYTES, data.resolve("pipeline-engine")),
                    data.resolve("pipeline-state"), metrics, clock, commitHooks));
            PipelineService pipelines = new PipelineService(data.resolve("pipelines"), streams, sinks, sqlValidation,
                    runs, clock);
            QueryService queries = push(opened, new QueryService(catalogs, config.queryLimits(), data.resolve("query")));
            MaintenanceConfigs maintenanceConfigs = new MaintenanceConfigs(data.resolve("catalog").resolve("maintenance"),
                    catalogs);
            MaintenanceScheduler catalogMaintenance = push(opened, new MaintenanceScheduler(catalogs, maintenanceConfigs,
                    config.maintenance(), new EngineSettings(MAINTENANCE_ENGINE_THREADS, MAINTENANCE_ENGINE_MEMORY_BYTES,
                    data.resolve("maintenance-engine")), metrics, clock));
            HttpApi api = push(opened, bind(config, streams, buckets, sinks, sqlValidation, pipelines, catalogs,
                    queries, maintenanceConfigs, metrics));
            FloeServer server = new FloeServer(config, opened, streams, buckets, catalogs, catalogMaintenance, api);
            api.start();
            catalogMaintenance.start();
            long interval = config.retentionCheckInterval().toMillis();
            server.maintenance.scheduleWithFixedDelay(server::enforceRetention, interval, interval,
                    TimeUnit.MILLISECONDS);
            LOG.info("floe is serving on {} with data in {}", server.baseUrl(), data.toAbsolutePath());
            return server;
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes the most recently opened first: the API before the services it uses, the lock last. */
    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}", resource.getClass().getSimpleName(), e);
            }
        }
    }

    private static HttpApi bind(ServerConfig config, StreamService streams, BucketService buckets, SinkService sinks,
                                SqlValidation sqlValidation, PipelineService pipelines, CatalogService catalogs,
                                QueryService queries, MaintenanceConfigs maintenanceConfigs,
                                PrometheusMeterRegistry metrics) throws IOException {
        try {
            return new HttpApi(new InetSocketAddress(config.host(), config.port()), config::baseUrl,
                    config.accountId(), config.apiToken(), config.maxRequestBytes(), streams, buckets, sinks,
                    sqlValidation, pipelines, catalogs, queries, maintenanceConfigs, metrics);
        } catch (BindException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot listen on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage() + "; is another server running? choose another --port");
        }
    }

    private void enforceRetention() {
        try {
            long deleted = streams.enforceRetention();
            if (deleted > 0) {
                LOG.info("Retention deleted {} records", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Retention check failed; it runs again later", e);
        }
    }

    public int port() {
        return api.port();
    }

    public String baseUrl() {
        return config.baseUrl(port());
    }

    /** The streams, for the parts of floe that read them (pipelines) and for tests. */
    public StreamService streams() {
        return streams;
    }

    /** The buckets, for the parts of floe that write objects (sinks) and for tests. */
    public BucketService buckets() {
        return buckets;
    }

    /** The buckets' data catalogs, for the parts of floe that use tables (sinks, maintenance) and for tests. */
    public CatalogService catalogs() {
        return catalogs;
    }

    /** The buckets' catalogs' background maintenance, for tests that run a round when they choose. */
    public MaintenanceScheduler catalogMaintenance() {
        return catalogMaintenance;
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops serving, lets requests in flight finish, and closes the logs; everything acknowledged is on disk. */
    @Override
    public void close() {
        maintenance.shutdownNow();
        closeAll(opened);
        LOG.info("floe stopped");
    }
}
