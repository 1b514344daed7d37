package dev.floe.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBDriver;

/**
 * New, empty in-memory DuckDBs for queries, one opened ahead on a background thread, and the used ones
 * closed there too: opening a database took 15 to 50 ms and closing one 5 to 10, as long as a point
 * lookup runs, and neither needs to happen while a client waits. Each query still gets a database no
 * query has used, which it configures and locks itself ({@link QuerySandbox}).
 */
final class FreshDatabases implements AutoCloseable {
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("floe-query-databases").daemon(true).factory());
    private Future<Connection> next;

    FreshDatabases() {
        next = background.submit(FreshDatabases::open);
    }

    /** A new database; the caller configures it and hands it back to {@link #dispose}. */
    Connection take() throws SQLException {
        Future<Connection> ready;
        synchronized (this) {
            ready = next;
            next = background.submit(FreshDatabases::open);
        }
        try {
            return ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while opening DuckDB", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException cause ? cause : new SQLException(e.getCause());
        }
    }

    /** Closes a used database in the background. */
    void dispose(Connection connection) {
        background.execute(() -> closeQuietly(connection));
    }

    private static Connection open() throws SQLException {
        return new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
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
            pending = next;
        }
        background.shutdown();
        try {
            closeQuietly(pending.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // it never opened: nothing to close
        }
    }
}
