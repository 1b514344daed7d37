package dev.floe.server;

import dev.floe.api.HttpApi;
import dev.floe.bucket.BucketService;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
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
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** floe in one process: the stream logs, the buckets, the services over them, and the HTTP API in front. */
public final class FloeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FloeServer.class);

    private final ServerConfig config;
    private final DataDirectoryLock lock;
    private final StreamService streams;
    private final BucketService buckets;
    private final HttpApi api;
    private final ScheduledExecutorService maintenance;

    private FloeServer(ServerConfig config, DataDirectoryLock lock, StreamService streams, BucketService buckets,
                       HttpApi api) {
        this.config = config;
        this.lock = lock;
        this.streams = streams;
        this.buckets = buckets;
        this.api = api;
        this.maintenance = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("floe-maintenance").daemon(true).factory());
    }

    /**
     * Opens the data directory (recovering every log) and starts serving. When it fails, whatever it
     * opened is closed again and the data directory is free for another try.
     */
    public static FloeServer start(ServerConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        DataDirectoryLock lock = new DataDirectoryLock(config.dataDir());
        LocalLogStore logs = null;
        StreamService streams = null;
        BucketService buckets = null;
        try {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            logs = new LocalLogStore(config.dataDir().resolve("logs"), config.log());
            streams = new StreamService(config.dataDir().resolve("streams"), logs, new StreamMetrics(metrics),
                    Clock.systemUTC(), new IngestBodyParser());
            buckets = new BucketService(config.dataDir().resolve("buckets"), Clock.systemUTC());
            FloeServer server = new FloeServer(config, lock, streams, buckets, bind(config, streams, buckets, metrics));
            server.api.start();
            long interval = config.retentionCheckInterval().toMillis();
            server.maintenance.scheduleWithFixedDelay(server::enforceRetention, interval, interval,
                    TimeUnit.MILLISECONDS);
            LOG.info("floe is serving on {} with data in {}", server.baseUrl(), config.dataDir().toAbsolutePath());
            return server;
        } catch (IOException | RuntimeException e) {
            if (buckets != null) {
                buckets.close();
            }
            if (streams != null) {
                streams.close();
            } else if (logs != null) {
                logs.close();
            }
            lock.close();
            throw e;
        }
    }

    private static HttpApi bind(ServerConfig config, StreamService streams, BucketService buckets,
                                PrometheusMeterRegistry metrics) throws IOException {
        try {
            return new HttpApi(new InetSocketAddress(config.host(), config.port()), config::baseUrl,
                    config.accountId(), config.apiToken(), config.maxRequestBytes(), streams, buckets, metrics);
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

    public ServerConfig config() {
        return config;
    }

    /** Stops serving, lets requests in flight finish, and closes the logs; everything acknowledged is on disk. */
    @Override
    public void close() {
        api.close();
        maintenance.shutdownNow();
        streams.close();
        buckets.close();
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("Could not release the data directory lock", e);
        }
        LOG.info("floe stopped");
    }
}
