package dev.floe.testing;

import dev.floe.engine.EngineTesting;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.storage.Bucket;
import dev.floe.storage.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * What a sink wrote into a bucket, read back as a user would: every object under a folder, downloaded
 * and read with a DuckDB of the test's own (not floe's, which may read only its work directory).
 */
public final class SinkOutput {
    private final Bucket bucket;
    private final Path downloads;

    public SinkOutput(Bucket bucket, Path downloads) {
        this.bucket = bucket;
        this.downloads = downloads;
    }

    public List<String> keys(String prefix) {
        return bucket.list(prefix).stream().map(StoredObject::key).toList();
    }

    /** A local copy of an object. */
    public Path download(String key) throws Exception {
        Path file = downloads.resolve(key);
        Files.createDirectories(file.getParent());
        bucket.download(key, file);
        return file;
    }

    /**
     * Every row of every file under {@code prefix}, through {@code reader} ({@code read_parquet} or
     * {@code read_json}) and {@code select} over the relation {@code files}, as text.
     */
    public List<Map<String, String>> rows(String prefix, String reader, String select) throws Exception {
        List<String> paths = new ArrayList<>();
        for (String key : keys(prefix)) {
            try {
                paths.add("'" + download(key).toString().replace("'", "''") + "'");
            } catch (FloeException e) {
                // s3proxy's file system store lists an object being written under a temporary name,
                // which is gone by the time it is read: not a file of the sink
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        if (paths.isEmpty()) {
            return List.of();
        }
        return query("WITH files AS (SELECT * FROM " + reader + "([" + String.join(", ", paths) + "])) " + select);
    }

    /** Any query, over local files, as text. */
    public static List<Map<String, String>> query(String sql) throws SQLException {
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties())) {
            return EngineTesting.rows(connection, sql);
        }
    }
}
