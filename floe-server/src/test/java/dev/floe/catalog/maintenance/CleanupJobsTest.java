package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.maintenance.JobOutcome.Status;
import dev.floe.catalog.LocalFileIO;
import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineSettings;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot expiration, orphan-file removal and the manifest rewrite, each on a table Iceberg's own
 * client wrote through a floe server's catalog, in a local bucket whose files the test can age.
 */
class CleanupJobsTest {
    private static final String TOKEN = "cleanup-token";
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()));

    @TempDir
    static Path dataDir;

    private static RunningServer server;
    private static RESTCatalog client;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        server.createBucketWithCatalog(TOKEN, Map.of("name", "lake"));
        client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles());
        client.createNamespace(Namespace.of("db"));
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        server.close();
    }

    /**
     * Iceberg deletes a rewritten file once the snapshot that removed it expires (until then, the
     * snapshots before it may come back through a rollback): so after a compaction and one more append.
     */
    @Test
    void expiringSnapshotsDeletesTheFilesOnlyTheyReferred() {
        Table table = tableWithAppends("expire", 8);
        List<DataFile> small = TableRows.files(table);
        try (DuckDbEngine engine = DuckDbEngine.open(new EngineSettings(1, 256L << 20, dataDir.resolve("engine")))) {
            assertThat(new Compaction(() -> engine, RowGroupCopy.MIN_AVERAGE_ROW_GROUP_ROWS).run(served(table), new CompactionPolicy(true, 64), 1L << 30)
                    .filesOut()).isEqualTo(1);
        }
        table.refresh();
        IcebergClient.append(table, Map.of(100L, "after the compaction"));
        List<String> rows = TableRows.read(table);
        String metadata = TableUtil.metadataFileLocation(served(table).table());

        JobOutcome tooYoung = SnapshotExpiration.run(served(table), new ExpirationPolicy(true, Duration.ofDays(1), 1),
                Instant.now());
        assertThat(tooYoung.status()).isEqualTo(Status.IDLE);
        assertThat(TableUtil.metadataFileLocation(served(table).table())).as("nothing committed").isEqualTo(metadata);

        JobOutcome expired = SnapshotExpiration.run(served(table), new ExpirationPolicy(true, Duration.ofDays(1), 1),
                Instant.now().plus(Duration.ofDays(2)));

        assertThat(expired.success()).as(expired.toString()).isTrue();
        assertThat(expired.detail()).isEqualTo("expired 9 snapshots");
        assertThat(expired.filesIn()).as("8 data files and 8 manifest lists at least").isGreaterThanOrEqualTo(16);
        table.refresh();
        assertThat(table.snapshots()).hasSize(1);
        assertThat(small).allSatisfy(file -> assertThat(local(file.location())).doesNotExist());
        assertThat(TableRows.read(table)).containsExactlyElementsOf(rows);
    }

    @Test
    void orphanFilesOlderThanTheSafetyAgeAreDeletedAndNothingElse() throws IOException {
        Table table = tableWithAppends("orphans", 3);
        Path folder = local(table.location());
        Instant longAgo = Instant.now().minus(Duration.ofDays(10));
        age(folder, longAgo);
        Path oldOrphan = write(folder.resolve("data/part-of-a-failed-write.parquet"), longAgo);
        Path oldMetadata = write(folder.resolve("metadata/99999-abandoned.metadata.json"), longAgo);
        Path youngOrphan = write(folder.resolve("data/part-being-committed.parquet"), Instant.now());
        Path besideTheTable = write(folder.resolveSibling(folder.getFileName() + "-not-a-table/old.parquet"), longAgo);
        List<String> rows = TableRows.read(table);

        JobOutcome outcome = OrphanFileRemoval.run(served(table), List.of(), Instant.now().minus(Duration.ofDays(3)));

        assertThat(outcome.success()).as(outcome.toString()).isTrue();
        assertThat(outcome.filesIn()).isEqualTo(2);
        assertThat(outcome.bytesIn()).isEqualTo(2 * "not referenced".length());
        assertThat(oldOrphan).doesNotExist();
        assertThat(oldMetadata).doesNotExist();
        assertThat(youngOrphan).exists();
        assertThat(besideTheTable).as("outside the table's folder").exists();
        assertThat(TableRows.read(table)).containsExactlyElementsOf(rows);
        table.snapshots().forEach(snapshot -> assertThat(IcebergClient.rows(table, snapshot.snapshotId())).isNotEmpty());
    }

    @Test
    void aTableWhoseFolderHoldsAnotherTablesIsLeftAlone() throws IOException {
        Table table = tableWithAppends("nested", 1);
        Path orphan = write(local(table.location()).resolve("data/orphan.parquet"), Instant.now().minus(Duration.ofDays(10)));

        JobOutcome outcome = OrphanFileRemoval.run(served(table), List.of(table.location() + "/data/inner"),
                Instant.now().minus(Duration.ofDays(3)));

        assertThat(outcome.status()).isEqualTo(Status.SKIPPED);
        assertThat(outcome.detail()).startsWith("another table's files are in its folder");
        assertThat(orphan).exists();
    }

    @Test
    void manifestsArePackedWhenTheyPileUp() {
        Table table = tableWithAppends("manifests", ManifestRewrite.MAX_MANIFESTS);
        assertThat(ManifestRewrite.run(served(table)).status()).as("not more than the limit yet")
                .isEqualTo(Status.IDLE);
        IcebergClient.append(table, Map.of(1000L, "one more"));
        List<String> rows = TableRows.read(table);

        JobOutcome outcome = ManifestRewrite.run(served(table));

        assertThat(outcome.success()).as(outcome.toString()).isTrue();
        assertThat(outcome.filesIn()).isEqualTo(ManifestRewrite.MAX_MANIFESTS + 1);
        assertThat(outcome.filesOut()).isEqualTo(1);
        assertThat(outcome.bytesOut()).isPositive();
        table.refresh();
        assertThat(table.currentSnapshot().dataManifests(table.io())).hasSize(1);
        assertThat(TableRows.read(table)).containsExactlyElementsOf(rows);
    }

    private static Table tableWithAppends(String name, int appends) {
        Table table = client.createTable(TableIdentifier.of("db", name), SCHEMA, PartitionSpec.unpartitioned());
        for (long i = 0; i < appends; i++) {
            IcebergClient.append(table, Map.of(i, name + " " + i));
        }
        return table;
    }

    private static MaintainedTable served(Table table) {
        // The client names it "<catalog>.db.<table>".
        TableIdentifier id = TableIdentifier.of("db", table.name().substring(table.name().lastIndexOf('.') + 1));
        return new MaintainedTable("lake", id, server.server().catalogs().catalog("lake").catalog().loadTable(id));
    }

    private static Path local(String location) {
        return LocalFileIO.path(location);
    }

    private static Path write(Path file, Instant modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not referenced");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    /** Makes every file under a folder look written at {@code when}, so that only references protect them. */
    private static void age(Path folder, Instant when) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(when));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
