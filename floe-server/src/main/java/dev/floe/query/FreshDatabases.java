package dev.floe.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.duckdb.DuckDBDriver;

/**
 * New, empty in-memory DuckDBs for queries. Opening a database took 15 to 50 ms and closing one 5 to
 * 10, as long as a point lookup runs; so one database is kept ready, opened on a background platform
 * thread after the previous query ended (not while the next one runs, on a machine of two cores), and
 * used ones are closed there too. A query that finds none ready waits for one opened there: opening
 * one on the request's virtual thread, inside DuckDB's native code, held up other requests. Each query still gets a database no query has used, which it confines
 * and locks itself ({@link QuerySandbox}); the settings of the database that every query shares
 * (threads, memory, no spilling, no extensions) are given when it opens.
 */
final class FreshDatabases implements AutoCloseable {
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("floe-query-databases").daemon(true).factory());
    private final Properties settings = new Properties();
    private Future<Connection> ready;

    FreshDatabases(QueryLimits limits) {
        settings.setProperty("threads", Integer.toString(limits.threads()));
        settings.setProperty("memory_limit", limits.memoryLimitBytes() + "B");
        // no spilling: the memory limit is a hard one
        settings.setProperty("temp_directory", "");
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        ready = background.submit(this::open);
    }

    /** A new database; the caller configures it and hands it back to {@link #dispose}. */
    Connection take() throws SQLException {
        Future<Connection> taken;
        synchronized (this) {
            taken = ready == null ? background.submit(this::open) : ready;
            ready = null;
        }
        try {
            return taken.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while opening DuckDB", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException cause ? cause : new SQLException(e.getCause());
        }
    }

    /** Closes a used database in the background, then has the next one ready. */
    void dispose(Connection connection) {
        try {
            background.execute(() -> {
                closeQuietly(connection);
                synchronized (this) {
                    if (ready == null && !background.isShutdown()) {
                        ready = background.submit(this::open);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            closeQuietly(connection);
        }
    }

    private Connection open() throws SQLException {
        return new DuckDBDriver().connect("jdbc:duckdb:", settings);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // an in-memory database: closing frees memory only
        }
    }

    @Override
    public void close() {
        Future<Connection> pending;
        synchronized (this) {
            pending = ready;
            ready = null;
            background.shutdown();
        }
        if (pending == null) {
            return;
        }
        try {
            closeQuietly(pending.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // it never opened: nothing to close
        }
    }
}
