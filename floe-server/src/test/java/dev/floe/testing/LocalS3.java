package dev.floe.testing;

import dev.floe.storage.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3 server inside the test JVM: s3proxy on 127.0.0.1 and a free port, keeping its buckets as
 * directories (one per bucket, one file per object) under a given directory, and checking AWS
 * signatures against one access key.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY_ID = "floe-test-key";
    public static final String SECRET_ACCESS_KEY = "floe-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final Path directory;

    private LocalS3(S3Proxy proxy, BlobStore store, Path directory) {
        this.proxy = proxy;
        this.store = store;
        this.directory = directory;
    }

    public static LocalS3 start(Path directory) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        properties.setProperty("jclouds.identity", ACCESS_KEY_ID);
        properties.setProperty("jclouds.credential", SECRET_ACCESS_KEY);
        BlobStore store = BlobStores.create("filesystem", properties);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("s3proxy did not start within 30 s: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new LocalS3(proxy, store, directory);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates a bucket on the server, as its owner would before pointing floe at it. */
    public void createBucket(String name) {
        store.createContainer(name);
    }

    /**
     * Creates a remote bucket and answers the request that creates a floe bucket kept in it: R2's
     * create body with floe's {@code floe_s3}.
     */
    public Map<String, Object> floeBucket(String name, String remoteBucket) {
        createBucket(remoteBucket);
        return Map.of("name", name, "floe_s3", Map.of("endpoint", endpoint().toString(), "bucket", remoteBucket,
                "access_key_id", ACCESS_KEY_ID, "secret_access_key", SECRET_ACCESS_KEY, "path_style", true));
    }

    public boolean bucketExists(String name) {
        return store.containerExists(name);
    }

    /** Where the server keeps an object's content. */
    public Path objectFile(String bucket, String key) {
        return directory.resolve(bucket).resolve(key);
    }

    /** Settings for a bucket on this server, signed in with the right key. */
    public S3Settings settings(String bucket) {
        return new S3Settings(endpoint(), REGION, bucket, ACCESS_KEY_ID, SECRET_ACCESS_KEY, true);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        store.close();
    }
}
