package dev.floe.cli;

import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "server",
        description = {
            "Start floe: streams, the control-plane API and ingest in one process, with embedded defaults.",
            "Every setting can also come from an environment variable (FLOE_PORT, FLOE_DATA_DIR, …) or a "
                    + "config file (floe.properties in the working directory, or --config)."},
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class ServerCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 8787; 0 picks a free one).")
    private String port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where all state is kept (default ./floe-data).")
    private String dataDir;

    @Option(names = "--account-id", paramLabel = "ID",
            description = "The account id in API paths, like Cloudflare's (default local).")
    private String accountId;

    @Option(names = "--api-token", paramLabel = "TOKEN",
            description = "Require this bearer token on every control-plane call and on authenticated streams.")
    private String apiToken;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Base URL clients reach the server at, used in stream endpoints "
                    + "(default http://<host>:<port>).")
    private String publicUrl;

    @Option(names = "--max-request-bytes", paramLabel = "SIZE",
            description = "Largest ingest request accepted (default 5MiB); larger ones get 413.")
    private String maxRequestBytes;

    @Option(names = "--retention", paramLabel = "DURATION",
            description = "How long records are kept once every pipeline has read them (default 24h).")
    private String retention;

    @Option(names = "--segment-bytes", paramLabel = "SIZE", description = "Size at which a log segment is rolled.")
    private String segmentBytes;

    @Option(names = "--max-pending-bytes", paramLabel = "SIZE",
            description = "Unflushed data per stream before ingest answers 429 (default 256MiB).")
    private String maxPendingBytes;

    @Option(names = "--catalog-jdbc-url", paramLabel = "URL",
            description = "JDBC URL of the database holding the buckets' Iceberg catalogs "
                    + "(default SQLite in <data-dir>/catalog/catalog.db).")
    private String catalogJdbcUrl;

    @Option(names = "--catalog-jdbc-user", paramLabel = "USER", description = "User of the catalog database.")
    private String catalogJdbcUser;

    @Option(names = "--catalog-jdbc-password", paramLabel = "PASSWORD",
            description = "Password of the catalog database (better: FLOE_CATALOG_JDBC_PASSWORD).")
    private String catalogJdbcPassword;

    @Option(names = "--query-timeout", paramLabel = "DURATION",
            description = "How long one SQL query may run before it is stopped (default 60s).")
    private String queryTimeout;

    @Option(names = "--query-memory", paramLabel = "SIZE",
            description = "Memory one SQL query may hold before it fails (default 512MiB).")
    private String queryMemory;

    @Option(names = "--query-concurrency", paramLabel = "N",
            description = "SQL queries running at once; more are answered 429 (default 4).")
    private String queryConcurrency;

    @Option(names = "--query-cache-bytes", paramLabel = "SIZE",
            description = "Disk for copies of S3-backed buckets' data files that queries read (default 10GiB).")
    private String queryCacheBytes;

    @Option(names = "--maintenance-interval", paramLabel = "DURATION",
            description = "How often catalog maintenance looks at every table (default 1m).")
    private String maintenanceInterval;

    @Option(names = "--compaction-interval", paramLabel = "DURATION",
            description = "Least time between two compactions of one table (default 5m).")
    private String compactionInterval;

    @Option(names = "--compaction-max-bytes", paramLabel = "SIZE",
            description = "Most data one compaction of one table rewrites; the rest waits for the next (default 4GiB).")
    private String compactionMaxBytes;

    @Option(names = "--cleanup-interval", paramLabel = "DURATION",
            description = "Least time between two snapshot expirations, orphan-file removals or manifest "
                    + "rewrites of one table (default 1h).")
    private String cleanupInterval;

    @Option(names = "--orphan-file-age", paramLabel = "DURATION",
            description = "Age past which a file no table metadata refers to is deleted (default 3d, at least 1h).")
    private String orphanFileAge;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of settings (keys as the flags without dashes: port=8787).")
    private Path config;

    @Override
    public Integer call() throws Exception {
        ServerConfig resolved = ServerConfig.resolve(flags(), System.getenv(),
                config != null ? config : environmentConfigFile());
        FloeServer server = FloeServer.start(resolved);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("floe-shutdown").unstarted(() -> {
            server.close();
            stopped.countDown();
        }));
        printBanner(spec.commandLine().getOut(), server);
        stopped.await();
        return 0;
    }

    private static Path environmentConfigFile() {
        String file = System.getenv("FLOE_CONFIG");
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        putIfGiven(flags, "host", host);
        putIfGiven(flags, "port", port);
        putIfGiven(flags, "data-dir", dataDir);
        putIfGiven(flags, "account-id", accountId);
        putIfGiven(flags, "api-token", apiToken);
        putIfGiven(flags, "public-url", publicUrl);
        putIfGiven(flags, "max-request-bytes", maxRequestBytes);
        putIfGiven(flags, "retention", retention);
        putIfGiven(flags, "segment-bytes", segmentBytes);
        putIfGiven(flags, "max-pending-bytes", maxPendingBytes);
        putIfGiven(flags, "catalog-jdbc-url", catalogJdbcUrl);
        putIfGiven(flags, "catalog-jdbc-user", catalogJdbcUser);
        putIfGiven(flags, "catalog-jdbc-password", catalogJdbcPassword);
        putIfGiven(flags, "query-timeout", queryTimeout);
        putIfGiven(flags, "query-memory", queryMemory);
        putIfGiven(flags, "query-concurrency", queryConcurrency);
        putIfGiven(flags, "query-cache-bytes", queryCacheBytes);
        putIfGiven(flags, "maintenance-interval", maintenanceInterval);
        putIfGiven(flags, "compaction-interval", compactionInterval);
        putIfGiven(flags, "compaction-max-bytes", compactionMaxBytes);
        putIfGiven(flags, "cleanup-interval", cleanupInterval);
        putIfGiven(flags, "orphan-file-age", orphanFileAge);
        return flags;
    }

    private static void putIfGiven(Map<String, String> flags, String name, String value) {
        if (value != null) {
            flags.put(name, value);
        }
    }

    /** What a user needs to start using the server: where it is, and how to point wrangler at it. */
    private static void printBanner(PrintWriter out, FloeServer server) {
        ServerConfig config = server.config();
        String url = server.baseUrl();
        out.println("floe is running at " + url);
        out.println("  account id: " + config.accountId());
        out.println("  data dir:   " + config.dataDir().toAbsolutePath().normalize());
        out.println("  api token:  " + (config.apiToken() == null
                ? "none (anyone who can reach " + config.host() + " may use the API)" : "required"));
        out.println();
        out.println("Use wrangler against it with:");
        out.println("  export CLOUDFLARE_API_BASE_URL=" + url + "/client/v4");
        out.println("  export CLOUDFLARE_ACCOUNT_ID=" + config.accountId());
        out.println("  export CLOUDFLARE_API_TOKEN=" + (config.apiToken() == null ? "local" : "<the api token>"));
        out.println();
        out.println("Stop it with Ctrl-C or SIGTERM; everything acknowledged is on disk.");
        out.flush();
    }
}
