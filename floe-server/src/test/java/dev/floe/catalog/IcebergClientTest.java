package dev.floe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.testing.IcebergClient;
import dev.floe.testing.LocalS3Extension;
import dev.floe.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg's own Java client uses a bucket's catalog as any engine would: it creates a namespace and a
 * table, writes a Parquet data file into the bucket, appends it, and reads the rows back; for a
 * bucket in the data directory and for one in S3.
 */
class IcebergClientTest {
    private static final String TOKEN = "iceberg-token";
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()));

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    @TempDir
    static Path dataDir;

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        server.createBucketWithCatalog(TOKEN, Map.of("name", "lake"));
        server.createBucketWithCatalog(TOKEN, S3.s3().floeBucket("s3-lake", "remote-lake"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTableInALocalBucketIsWrittenAndReadWithIcebergsClient() throws Exception {
        try (RESTCatalog catalog = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            Table table = writeAndReadBack(catalog);

            Path bucketRoot = dataDir.resolve("buckets/lake").toAbsolutePath();
            assertThat(table.location()).startsWith("file://" + bucketRoot + "/__catalog/db/events-");
            Path dataFile = Path.of(table.currentSnapshot().addedDataFiles(table.io()).iterator().next().location()
                    .substring("file://".length()));
            assertThat(dataFile).isRegularFile().startsWith(bucketRoot);
            assertThat(server.server().buckets().open("lake").list("__catalog/db/")).isNotEmpty();
        }
    }

    @Test
    void aTableInAnS3BucketIsWrittenAndReadWithIcebergsClient() throws Exception {
        try (RESTCatalog catalog = IcebergClient.connect(server, "s3-lake", TOKEN, IcebergClient.s3Files())) {
            Table table = writeAndReadBack(catalog);

            assertThat(table.location()).startsWith("s3://remote-lake/__catalog/db/events-");
            assertThat(server.server().buckets().open("s3-lake").list("__catalog/db/"))
                    .anySatisfy(object -> assertThat(object.key()).endsWith(".parquet"))
                    .anySatisfy(object -> assertThat(object.key()).endsWith(".metadata.json"));
        }
    }

    /** Creates db.events, appends two files, reads the rows back, then drops it with its files. */
    private static Table writeAndReadBack(RESTCatalog catalog) {
        // A mutable map: Iceberg's client asks it whether it holds a null key, which Map.of refuses.
        catalog.createNamespace(Namespace.of("db"), new HashMap<>(Map.of("owner", "tests")));
        TableIdentifier events = TableIdentifier.of("db", "events");
        Table table = catalog.createTable(events, SCHEMA, PartitionSpec.unpartitioned());

        Map<Long, String> first = new LinkedHashMap<>();
        first.put(1L, "one");
        first.put(2L, "two");
        DataFile file = IcebergClient.append(table, first);
        IcebergClient.append(table, Map.of(3L, "three"));
        assertThat(file.recordCount()).isEqualTo(2);

        Table loaded = catalog.loadTable(events);
        assertThat(loaded.snapshots()).hasSize(2);
        assertThat(IcebergClient.rows(loaded)).containsExactlyInAnyOrder("1:one", "2:two", "3:three");
        assertThat(catalog.loadNamespaceMetadata(Namespace.of("db"))).containsEntry("owner", "tests");
        assertThat(catalog.listTables(Namespace.of("db"))).containsExactly(events);
        return loaded;
    }

    @Test
    void purgingATableDeletesItsFilesFromTheBucket() throws Exception {
        try (RESTCatalog catalog = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            catalog.createNamespace(Namespace.of("purge"));
            TableIdentifier doomed = TableIdentifier.of("purge", "doomed");
            Table table = catalog.createTable(doomed, SCHEMA);
            IcebergClient.append(table, Map.of(1L, "one"));
            Path location = Path.of(table.location().substring("file://".length()));
            assertThat(location).isDirectory();

            assertThat(catalog.dropTable(doomed, true)).isTrue();

            assertThatThrownBy(() -> catalog.loadTable(doomed)).isInstanceOf(NoSuchTableException.class);
            assertThat(Files.exists(location)).isFalse();
        }
    }

    @Test
    void locationsOutsideTheBucketAreNeverUsed() throws Exception {
        try (RESTCatalog catalog = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            catalog.createNamespace(Namespace.of("elsewhere"));
            Path outside = dataDir.resolve("outside").toAbsolutePath();

            Table table = catalog.buildTable(TableIdentifier.of("elsewhere", "t"), SCHEMA)
                    .withLocation("file://" + outside).create();

            assertThat(table.location()).as("the requested location is replaced by one in the bucket")
                    .startsWith("file://" + dataDir.resolve("buckets/lake").toAbsolutePath() + "/__catalog/elsewhere/t-");
            assertThatThrownBy(() -> catalog.registerTable(TableIdentifier.of("elsewhere", "stolen"),
                    "file://" + outside + "/metadata/v1.metadata.json"))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("is outside bucket 'lake'");
            assertThat(Files.exists(outside)).isFalse();
        }
    }
}
