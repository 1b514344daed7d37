package dev.floe.engine;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * One in-process, in-memory DuckDB with bounded threads and memory, and the Cloudflare functions
 * installed. Connections from {@link #connect()} share its catalog (the functions, and any non-temporary
 * table) but each has its own temporary tables; a connection is used by one thread at a time.
 *
 * <p>File access is confined to the work directory: DuckDB may read only what floe wrote there (the
 * batch files the loader writes) and spill there. The configuration is then locked, so SQL run later
 * cannot widen it. A query layer that runs users' ad-hoc SQL will open its own engine with the same
 * confinement pointed at the data it may read.
 */
public final class DuckDbEngine implements AutoCloseable {
    private static final String SPILL_DIRECTORY = "spill";

    private final DuckDBConnection root;
    private final Path workDirectory;

    private DuckDbEngine(DuckDBConnection root, Path workDirectory) {
        this.root = root;
        this.workDirectory = workDirectory;
    }

    /** Opens an engine; it lives until {@link #close()}. */
    public static DuckDbEngine open(EngineSettings settings) {
        Path work = settings.workDirectory();
        DuckDBConnection root = null;
        try {
            Files.createDirectories(work.resolve(SPILL_DIRECTORY));
            // the driver directly, not through DriverManager, whose lookup depends on the caller's class loader
            root = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
            try (Statement statement = root.createStatement()) {
                for (String setting : settings(settings)) {
                    statement.execute(setting);
                }
            }
            CloudflareFunctions.install(root);
            try (Statement statement = root.createStatement()) {
                statement.execute("SET lock_configuration = true");
            }
            return new DuckDbEngine(root, work);
        } catch (SQLException | IOException e) {
            closeQuietly(root);
            throw new FloeException(ErrorCode.INTERNAL, "cannot open the embedded DuckDB in " + work + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> settings(EngineSettings settings) {
        String work = settings.workDirectory().toString();
        return List.of(
                "SET threads = " + settings.threads(),
                "SET memory_limit = " + SqlLiterals.string(settings.memoryLimitBytes() + "B"),
                "SET temp_directory = " + SqlLiterals.string(settings.workDirectory().resolve(SPILL_DIRECTORY).toString()),
                // Cloudflare evaluates time functions in UTC; DuckDB's follow this setting.
                "SET TimeZone = 'UTC'",
                // json, parquet and icu are built in; anything else would be a download, which must not happen.
                "SET autoinstall_known_extensions = false",
                "SET autoload_known_extensions = false",
                "SET allowed_directories = [" + SqlLiterals.string(work + "/") + "]",
                "SET enable_external_access = false");
    }

    /** A new connection to this engine's database. */
    public Connection connect() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot connect to the embedded DuckDB: " + e.getMessage(), e);
        }
    }

    /** Where batch files and spill files go; the only directory DuckDB may touch. */
    public Path workDirectory() {
        return workDirectory;
    }

    @Override
    public void close() {
        closeQuietly(root);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing an in-memory database frees memory only; there is nothing to save
        }
    }
}
