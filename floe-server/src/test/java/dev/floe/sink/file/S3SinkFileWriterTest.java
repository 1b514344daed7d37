package dev.floe.sink.file;

import dev.floe.storage.Bucket;
import dev.floe.storage.S3Bucket;
import dev.floe.testing.LocalS3Extension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sink files written to an S3 bucket: s3proxy in this JVM. */
class S3SinkFileWriterTest extends SinkFileWriterTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    @Override
    Bucket newBucket() {
        String remoteBucket = "sink-files-" + BUCKETS.incrementAndGet();
        S3.s3().createBucket(remoteBucket);
        return new S3Bucket(S3.s3().settings(remoteBucket));
    }
}
