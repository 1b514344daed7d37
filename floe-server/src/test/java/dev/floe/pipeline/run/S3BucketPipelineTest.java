package dev.floe.pipeline.run;

import dev.floe.testing.LocalS3;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** File pipelines into a bucket backed by an S3 bucket (s3proxy in this JVM). */
class S3BucketPipelineTest extends FilePipelineContract {
    @TempDir
    static Path s3Directory;
    private static LocalS3 s3;
    private static int buckets;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LocalS3.start(s3Directory);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    String bucketBody() {
        String remote = "remote-lake-" + buckets++;
        s3.createBucket(remote);
        return "{\"name\":\"lake\",\"floe_s3\":{\"endpoint\":\"" + s3.endpoint() + "\",\"bucket\":\"" + remote
                + "\",\"region\":\"" + LocalS3.REGION + "\",\"access_key_id\":\"" + LocalS3.ACCESS_KEY_ID
                + "\",\"secret_access_key\":\"" + LocalS3.SECRET_ACCESS_KEY + "\",\"path_style\":true}}";
    }
}
