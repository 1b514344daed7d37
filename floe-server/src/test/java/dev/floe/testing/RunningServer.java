package dev.floe.testing;

import dev.floe.server.FloeServer;
import dev.floe.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A floe server in the test's JVM, on a free loopback port, with its data in a given directory. */
public final class RunningServer implements AutoCloseable {
    public static final String ACCOUNT = "acc0123456789abcdef0123456789abcd";

    private final FloeServer server;

    private RunningServer(FloeServer server) {
        this.server = server;
    }

    public static RunningServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Starts a server; {@code settings} override the test defaults (same names as the flags). */
    public static RunningServer start(Path dataDir, Map<String, String> settings) {
        Map<String, String> flags = new HashMap<>();
        flags.put("port", "0");
        flags.put("data-dir", dataDir.toString());
        flags.put("account-id", ACCOUNT);
        flags.putAll(settings);
        try {
            return new RunningServer(FloeServer.start(ServerConfig.resolve(flags, Map.of(), null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FloeServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** {@code http://127.0.0.1:<port>/client/v4/accounts/<account>/pipelines/v1/<path>}. */
    public String pipelinesUrl(String path) {
        return accountUrl("pipelines/v1/" + path);
    }

    private String accountUrl(String path) {
        return baseUrl() + "/client/v4/accounts/" + ACCOUNT + "/" + path;
    }

    /** {@code http://127.0.0.1:<port>/client/v4/accounts/<account>/r2/<path>}. */
    public String r2Url(String path) {
        return accountUrl("r2/" + path);
    }

    /** {@code http://127.0.0.1:<port>/client/v4/accounts/<account>/r2-catalog[/<path>]}. */
    public String catalogControlUrl(String path) {
        return accountUrl(path.isEmpty() ? "r2-catalog" : "r2-catalog/" + path);
    }

    /** The Iceberg REST catalog URI of a bucket: {@code http://127.0.0.1:<port>/catalog/<account>/<bucket>}. */
    public String catalogUri(String bucket) {
        return baseUrl() + "/catalog/" + ACCOUNT + "/" + bucket;
    }

    /**
     * Creates a bucket through the API ({@code body} as R2's create request, plus {@code floe_s3}) and
     * enables its data catalog.
     */
    public void createBucketWithCatalog(String token, Map<String, Object> body) {
        HttpCall.Answer created = HttpCall.request("POST", r2Url("buckets")).bearer(token).json(body).send();
        if (created.status() != 200) {
            throw new IllegalStateException("cannot create bucket " + body + ": " + created);
        }
        HttpCall.Answer enabled = HttpCall.request("POST", catalogControlUrl(body.get("name") + "/enable")).bearer(token)
                .send();
        if (enabled.status() != 200) {
            throw new IllegalStateException("cannot enable the catalog of bucket " + body.get("name") + ": " + enabled);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
