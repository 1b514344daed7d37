package dev.floe.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The resources one embedded DuckDB may use.
 *
 * @param threads          worker threads for query execution, at least 1
 * @param memoryLimitBytes the memory DuckDB may hold before it spills to disk or fails
 * @param workDirectory    the only directory DuckDB may read or write: batch files to load, spill
 *                         files (in {@code spill/}), and later the files sinks write
 */
public record EngineSettings(int threads, long memoryLimitBytes, Path workDirectory) {

    public EngineSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (memoryLimitBytes < 1) {
            throw new IllegalArgumentException("memoryLimitBytes must be positive, got " + memoryLimitBytes);
        }
        workDirectory = Objects.requireNonNull(workDirectory, "workDirectory").toAbsolutePath().normalize();
    }
}
