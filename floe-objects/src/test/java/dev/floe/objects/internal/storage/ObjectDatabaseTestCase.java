package dev.floe.objects.internal.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test over one real object database with the runtime's tables, opened as a runtime with a relay opens
 * it before each test and closed after.
 */
public abstract class ObjectDatabaseTestCase {
    @TempDir
    protected Path dir;

    protected ObjectDatabase db;

    @BeforeEach
    void openDatabase() {
        db = ObjectDatabase.openCheckpointedBetweenCalls(dir.resolve("object.db"));
        SystemSchema.ensure(db, "https://test.floe", "Counter", "c");
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
