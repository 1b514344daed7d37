package dev.floe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.testing.LocalS3;
import dev.floe.testing.LocalS3Extension;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bucket contract on S3: s3proxy in this JVM, keeping objects as files. Parts are 5 MiB here,
 * S3's smallest, so that the large-object test goes through a multipart upload.
 */
class S3BucketTest extends BucketContractTest {
    private static final long PART_BYTES = 5L << 20;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    private String remoteBucket;

    @Override
    Bucket newBucket() {
        remoteBucket = "contract-" + BUCKETS.incrementAndGet();
        S3.s3().createBucket(remoteBucket);
        return new S3Bucket(S3.s3().settings(remoteBucket), PART_BYTES);
    }

    @Test
    void objectsLandInTheRemoteBucket() throws Exception {
        bucket.write("a/b.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(S3.s3().objectFile(remoteBucket, "a/b.json"))).isEqualTo("{}");
        assertThat(bucket.location()).isEqualTo("s3://" + remoteBucket + " at " + S3.s3().endpoint());
        ((S3Bucket) bucket).checkAccess();
    }

    @Test
    void anUnreachableEndpointIsUnavailableAndNamed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + closedPort);
        try (S3Bucket unreachable = new S3Bucket(new S3Settings(endpoint, LocalS3.REGION, "b",
                LocalS3.ACCESS_KEY_ID, LocalS3.SECRET_ACCESS_KEY, true))) {
            assertThatThrownBy(() -> unreachable.write("k", new byte[] {1}))
                    .isInstanceOfSatisfying(FloeException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("cannot reach the S3 endpoint " + endpoint, "'k'");
                    });
        }
    }

    @Test
    void aWrongSecretIsForbidden() {
        try (S3Bucket wrongSecret = new S3Bucket(new S3Settings(S3.s3().endpoint(), LocalS3.REGION, remoteBucket,
                LocalS3.ACCESS_KEY_ID, "not-the-secret", true))) {
            for (Runnable operation : new Runnable[] {
                    () -> wrongSecret.write("k", new byte[] {1}),
                    () -> wrongSecret.list(""),
                    wrongSecret::checkAccess}) {
                assertThatThrownBy(operation::run).isInstanceOfSatisfying(FloeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).contains("s3://" + remoteBucket, "refused", "access key");
                });
            }
        }
        assertThat(bucket.isEmpty()).isTrue();
    }

    @Test
    void aMissingRemoteBucketIsNotFound() {
        try (S3Bucket missing = new S3Bucket(S3.s3().settings("no-such-bucket"))) {
            for (Runnable operation : new Runnable[] {
                    missing::checkAccess,
                    () -> missing.write("k", new byte[] {1}),
                    () -> missing.list("")}) {
                assertThatThrownBy(operation::run).isInstanceOfSatisfying(FloeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("S3 bucket 'no-such-bucket' does not exist");
                });
            }
        }
    }

    @Test
    void settingsNeverPrintTheSecret() {
        assertThat(S3.s3().settings(remoteBucket).toString()).doesNotContain(LocalS3.SECRET_ACCESS_KEY)
                .contains(LocalS3.ACCESS_KEY_ID);
    }
}
