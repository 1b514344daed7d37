package dev.floe.engine;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class's DuckDB engine ({@link EngineTesting#openEngine}) and one connection to it, open for all its tests. */
public abstract class EngineTestCase {
    @TempDir
    static Path engineDirectory;
    protected static DuckDbEngine engine;
    protected static Connection connection;

    @BeforeAll
    static void openEngine() {
        engine = EngineTesting.openEngine(engineDirectory);
        connection = engine.connect();
    }

    @AfterAll
    static void closeEngine() throws Exception {
        connection.close();
        engine.close();
    }
}
