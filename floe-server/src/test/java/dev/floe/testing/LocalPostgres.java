package dev.floe.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A new, empty PostgreSQL database for the tests of a class, in one {@link PostgresCluster} that all
 * classes of the test run share: the first class to ask starts it (installing Debian's PostgreSQL
 * first when the machine has none), and it is stopped when the run ends. Register it on a static
 * field with {@code @RegisterExtension}. When PostgreSQL cannot be had, every class that asks fails
 * and says why; none is skipped.
 */
public final class LocalPostgres implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalPostgres.class);

    private PostgresCluster cluster;
    private String database;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // In the root context's store: JUnit closes it, and so stops the cluster, after the last test.
        cluster = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Start.class, key -> Start.attempt(), Start.class).cluster();
        database = cluster.createDatabase();
    }

    /** The server settings that keep a floe server's catalogs in this class's database. */
    public Map<String, String> catalogSettings() {
        return Map.of("catalog-jdbc-url", cluster.jdbcUrl(database),
                "catalog-jdbc-user", PostgresCluster.USER,
                "catalog-jdbc-password", PostgresCluster.PASSWORD);
    }

    /** The one attempt of a test run to start the cluster: it, or why it could not be started. */
    private record Start(PostgresCluster started, Exception failure) implements AutoCloseable {
        static Start attempt() {
            try {
                return new Start(PostgresCluster.start(), null);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return new Start(null, e);
            }
        }

        PostgresCluster cluster() {
            if (failure != null) {
                // Every class that asks fails with the reason; the attempt is not repeated.
                throw new IllegalStateException(failure.getMessage(),
                        failure instanceof IllegalStateException ? null : failure);
            }
            return started;
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }
}
