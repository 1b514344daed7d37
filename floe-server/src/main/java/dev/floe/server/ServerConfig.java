package dev.floe.server;

import dev.floe.catalog.CatalogDatabase;
import dev.floe.catalog.maintenance.MaintenanceSettings;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.query.QueryLimits;
import dev.floe.stream.log.LogConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the server needs to start. Each setting comes from, in order of precedence: a
 * command-line flag, an environment variable ({@code FLOE_} and the setting's name in upper case with
 * underscores, such as {@code FLOE_DATA_DIR}), the config file (a properties file whose keys are the
 * settings' names, such as {@code data-dir=/var/lib/floe}), or the default.
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String accountId,
        String apiToken,
        String publicUrl,
        long maxRequestBytes,
        LogConfig log,
        Duration retentionCheckInterval,
        CatalogDatabase catalogDatabase,
        QueryLimits queryLimits,
        MaintenanceSettings maintenance) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final String DEFAULT_ACCOUNT_ID = "local";
    public static final long DEFAULT_MAX_REQUEST_BYTES = 5L * 1024 * 1024;

    /** The settings a user can give, by their flag and property name, with their defaults. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("host", DEFAULT_HOST);
        defaults.put("port", Integer.toString(DEFAULT_PORT));
        defaults.put("data-dir", "floe-data");
        defaults.put("account-id", DEFAULT_ACCOUNT_ID);
        defaults.put("api-token", "");
        defaults.put("public-url", "");
        defaults.put("max-request-bytes", Long.toString(DEFAULT_MAX_REQUEST_BYTES));
        defaults.put("retention", "24h");
        defaults.put("segment-bytes", Long.toString(LogConfig.DEFAULTS.segmentBytes()));
        defaults.put("max-pending-bytes", Long.toString(LogConfig.DEFAULTS.maxPendingBytes()));
        defaults.put("retention-check-interval", "1m");
        // Empty: SQLite in <data-dir>/catalog/catalog.db.
        defaults.put("catalog-jdbc-url", "");
        defaults.put("catalog-jdbc-user", "");
        defaults.put("catalog-jdbc-password", "");
        // R2 SQL's queries are interactive: a minute, and memory for a few at once beside the pipelines.
        defaults.put("query-timeout", "60s");
        defaults.put("query-memory", Long.toString(512L << 20));
        defaults.put("query-concurrency", "4");
        defaults.put("query-cache-bytes", Long.toString(10L << 30));
        MaintenanceSettings maintenance = MaintenanceSettings.DEFAULTS;
        defaults.put("maintenance-interval", maintenance.interval().toMinutes() + "m");
        defaults.put("compaction-interval", maintenance.compactionInterval().toMinutes() + "m");
        defaults.put("compaction-max-bytes", (maintenance.compactionMaxBytes() >> 30) + "GiB");
        defaults.put("cleanup-interval", maintenance.cleanupInterval().toHours() + "h");
        defaults.put("orphan-file-age", maintenance.orphanFileAge().toDays() + "d");
        return Map.copyOf(defaults);
    }

    /**
     * Resolves the settings.
     *
     * @param flags       settings given on the command line, by name
     * @param environment the process environment
     * @param configFile  a properties file, or {@code null} to use {@code ./floe.properties} when it exists
     */
    public static ServerConfig resolve(Map<String, String> flags, Map<String, String> environment, Path configFile) {
        Properties file = readConfigFile(configFile);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : DEFAULTS.keySet()) {
            String value = flags.get(name);
            if (value == null) {
                value = environment.get(environmentVariable(name));
            }
            if (value == null) {
                value = file.getProperty(name);
            }
            settings.put(name, value == null ? DEFAULTS.get(name) : value.trim());
        }
        for (String name : file.stringPropertyNames()) {
            if (!DEFAULTS.containsKey(name)) {
                throw new FloeException(ErrorCode.INVALID_REQUEST, "unknown setting '" + name
                        + "' in the config file; known settings: " + String.join(", ", DEFAULTS.keySet()));
            }
        }
        return fromSettings(settings);
    }

    public static String environmentVariable(String setting) {
        return "FLOE_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Properties readConfigFile(Path configFile) {
        Properties properties = new Properties();
        Path file = configFile != null ? configFile : Path.of("floe.properties");
        if (configFile == null && !Files.exists(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "cannot read the config file " + file + ": " + e);
        }
        return properties;
    }

    private static ServerConfig fromSettings(Map<String, String> settings) {
        int port = parsePort(settings.get("port"));
        String accountId = settings.get("account-id");
        if (accountId.isEmpty() || !accountId.matches("[A-Za-z0-9_-]+")) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "account-id must be letters, digits, '-' or '_', got '" + accountId + "'");
        }
        long maxRequestBytes = Sizes.parseBytes("max-request-bytes", settings.get("max-request-bytes"));
        if (maxRequestBytes < 1024) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "max-request-bytes must be at least 1024");
        }
        LogConfig log;
        try {
            log = LogConfig.DEFAULTS
                    .withSegmentBytes(Sizes.parseBytes("segment-bytes", settings.get("segment-bytes")))
                    .withRetention(Sizes.parseDuration("retention", settings.get("retention")))
                    .withMaxPendingBytes(Sizes.parseBytes("max-pending-bytes", settings.get("max-pending-bytes")));
        } catch (IllegalArgumentException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
        String token = settings.get("api-token");
        String publicUrl = settings.get("public-url");
        Path dataDir = Path.of(settings.get("data-dir"));
        return new ServerConfig(settings.get("host"), port, dataDir, accountId,
                token.isEmpty() ? null : token, publicUrl.isEmpty() ? null : publicUrl, maxRequestBytes, log,
                Sizes.parseDuration("retention-check-interval", settings.get("retention-check-interval")),
                catalogDatabase(settings, dataDir), queryLimits(settings), maintenance(settings));
    }

    private static QueryLimits queryLimits(Map<String, String> settings) {
        try {
            return new QueryLimits(Sizes.parseDuration("query-timeout", settings.get("query-timeout")),
                    Sizes.parseBytes("query-memory", settings.get("query-memory")),
                    Runtime.getRuntime().availableProcessors(),
                    Integer.parseInt(settings.get("query-concurrency")),
                    Sizes.parseBytes("query-cache-bytes", settings.get("query-cache-bytes")));
        } catch (IllegalArgumentException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "query-timeout, query-memory, query-concurrency and"
                    + " query-cache-bytes must be positive: " + e.getMessage());
        }
    }

    private static CatalogDatabase catalogDatabase(Map<String, String> settings, Path dataDir) {
        String url = settings.get("catalog-jdbc-url");
        if (url.isEmpty()) {
            return CatalogDatabase.sqliteIn(dataDir);
        }
        if (!url.startsWith("jdbc:")) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "catalog-jdbc-url must be a JDBC URL such as jdbc:postgresql://host:5432/floe, got '" + url + "'");
        }
        String user = settings.get("catalog-jdbc-user");
        String password = settings.get("catalog-jdbc-password");
        return new CatalogDatabase(url, user.isEmpty() ? null : user, password.isEmpty() ? null : password);
    }

    private static MaintenanceSettings maintenance(Map<String, String> settings) {
        return new MaintenanceSettings(
                Sizes.parseDuration("maintenance-interval", settings.get("maintenance-interval")),
                Sizes.parseDuration("compaction-interval", settings.get("compaction-interval")),
                Sizes.parseBytes("compaction-max-bytes", settings.get("compaction-max-bytes")),
                Sizes.parseDuration("cleanup-interval", settings.get("cleanup-interval")),
                Sizes.parseDuration("orphan-file-age", settings.get("orphan-file-age")));
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "port must be a number from 0 to 65535, got '" + value + "'");
        }
    }

    /** The base URL clients use to reach this server, for the endpoints the API hands out. */
    public String baseUrl(int boundPort) {
        if (publicUrl != null) {
            return publicUrl;
        }
        String reachableHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        if (reachableHost.contains(":")) {
            reachableHost = "[" + reachableHost + "]";
        }
        return "http://" + reachableHost + ":" + boundPort;
    }
}
