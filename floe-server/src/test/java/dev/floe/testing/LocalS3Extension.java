package dev.floe.testing;

import dev.floe.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link LocalS3} shared by the tests of a class: started in a new temporary directory before
 * them, stopped and deleted after. Register it on a static field with {@code @RegisterExtension}.
 */
public final class LocalS3Extension implements BeforeAllCallback, AfterAllCallback {
    private Path directory;
    private LocalS3 s3;

    /** The running server; only inside the tests of the class. */
    public LocalS3 s3() {
        return s3;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("floe-s3-");
        s3 = LocalS3.start(directory);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        s3.close();
        AtomicFiles.deleteTree(directory);
    }
}
