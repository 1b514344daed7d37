package dev.floe.sink.file;

import dev.floe.storage.Bucket;
import dev.floe.storage.LocalBucket;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Sink files written to a bucket in a local directory. */
class LocalSinkFileWriterTest extends SinkFileWriterTest {
    @TempDir
    Path directory;

    @Override
    Bucket newBucket() {
        return new LocalBucket(directory.resolve("bucket"), directory.resolve("staging"));
    }
}
