package dev.floe.sink.file;

import dev.floe.storage.Bucket;
import dev.floe.storage.S3Bucket;
import dev.floe.testing.LocalS3;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Sink files written to an S3 bucket: s3proxy in this JVM. */
class S3SinkFileWriterTest extends SinkFileWriterTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path s3Directory;
    private static LocalS3 s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LocalS3.start(s3Directory);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    Bucket newBucket() {
        String remoteBucket = "sink-files-" + BUCKETS.incrementAndGet();
        s3.createBucket(remoteBucket);
        return new S3Bucket(s3.settings(remoteBucket));
    }
}
