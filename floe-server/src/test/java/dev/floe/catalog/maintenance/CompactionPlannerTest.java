package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.LocalFileIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteFileGroup;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files compaction chooses, by their sizes alone: Iceberg's bin-packing rules, per partition,
 * under a cap on bytes per run. The files are entries in a real table's manifests (a JdbcCatalog on
 * SQLite); planning reads only the manifests, so the data files themselves need not exist.
 */
class CompactionPlannerTest {
    private static final long MB = 1024 * 1024;
    private static final long TARGET = 128 * MB;
    private static final long NO_CAP = 1L << 40;
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.required(2, "day", Types.StringType.get()));

    @TempDir
    Path directory;

    private JdbcCatalog catalog;
    private Table table;
    private final AtomicInteger files = new AtomicInteger();

    @BeforeEach
    void createTable() {
        catalog = new JdbcCatalog(ignored -> new LocalFileIO(), null, true);
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.URI, "jdbc:sqlite:" + directory.resolve("catalog.db"));
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, LocalFileIO.location(directory.resolve("warehouse")));
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
        catalog.initialize("planner", properties);
        catalog.createNamespace(Namespace.of("db"));
        table = catalog.createTable(TableIdentifier.of("db", "events"), SCHEMA,
                PartitionSpec.builderFor(SCHEMA).identity("day").build());
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    @Test
    void fourSmallFilesAreLeftAloneAndTheFifthMakesAGroup() {
        append("day=a", 10 * MB, 10 * MB, 10 * MB, 10 * MB);
        assertThat(plan(TARGET, NO_CAP)).isEmpty();

        append("day=a", 10 * MB);
        assertThat(sizes(plan(TARGET, NO_CAP))).containsExactly(List.of(10L, 10L, 10L, 10L, 10L));
    }

    @Test
    void twoSmallFilesTogetherLargerThanTheTargetAreAGroup() {
        append("day=a", 90 * MB, 90 * MB);

        assertThat(sizes(plan(TARGET, NO_CAP))).containsExactly(List.of(90L, 90L));
    }

    @Test
    void filesWithinThreeQuartersAndNineFifthsOfTheTargetAreNeverRewritten() {
        // 96 MB is 75% of 128 MB and 230 MB just under 180%: both are fine as they are.
        append("day=a", 96 * MB, 100 * MB, 128 * MB, 230 * MB, 5 * MB, 5 * MB, 5 * MB, 5 * MB, 5 * MB);

        assertThat(sizes(plan(TARGET, NO_CAP))).containsExactly(List.of(5L, 5L, 5L, 5L, 5L));
    }

    @Test
    void oneFileFarOverTheTargetIsRewrittenAlone() {
        append("day=a", 300 * MB);

        List<RewriteFileGroup> groups = plan(TARGET, NO_CAP);

        assertThat(sizes(groups)).containsExactly(List.of(300L));
        assertThat(groups.getFirst().expectedOutputFiles())
                .as("two files of 150 MB would be too large, so three of 100 MB").isEqualTo(3);
    }

    @Test
    void filesAreGroupedPerPartition() {
        append("day=a", MB, MB, MB);
        append("day=b", MB, MB, MB);
        assertThat(plan(TARGET, NO_CAP)).as("three small files in each of two days").isEmpty();

        append("day=b", MB, MB);
        List<RewriteFileGroup> groups = plan(TARGET, NO_CAP);

        assertThat(groups).hasSize(1);
        assertThat(groups.getFirst().info().partition().get(0, String.class)).isEqualTo("b");
    }

    @Test
    void theTargetDecidesWhatIsSmall() {
        append("day=a", 60 * MB, 60 * MB, 60 * MB, 60 * MB, 60 * MB);

        assertThat(plan(64 * MB, NO_CAP)).as("60 MB is within the range of a 64 MB target").isEmpty();
        assertThat(sizes(plan(512 * MB, NO_CAP))).containsExactly(List.of(60L, 60L, 60L, 60L, 60L));
    }

    @Test
    void aRunTakesAtMostItsCapAndTheGroupsWithMostFilesFirst() {
        append("day=a", MB, MB, MB, MB, MB);
        append("day=b", MB, MB, MB, MB, MB, MB, MB);
        append("day=c", MB, MB, MB, MB, MB, MB);

        List<RewriteFileGroup> groups = plan(TARGET, 13 * MB);

        assertThat(groups).extracting(group -> group.info().partition().get(0, String.class))
                .containsExactly("b", "c");
    }

    @Test
    void aPartitionLargerThanTheCapIsSplitIntoGroupsThatFit() {
        append("day=a", 4 * MB, 4 * MB, 4 * MB, 4 * MB, 4 * MB, 4 * MB, 4 * MB, 4 * MB, 4 * MB, 4 * MB);

        List<RewriteFileGroup> groups = plan(TARGET, 20 * MB);

        assertThat(sizes(groups)).containsExactly(List.of(4L, 4L, 4L, 4L, 4L));
    }

    @Test
    void aGroupIsSplitIntoRunsOfAboutEqualBytesKeepingItsOrder() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int size : new int[] {50, 10, 10, 30, 40, 60}) {
            Path file = directory.resolve("input-" + files.size());
            Files.write(file, new byte[size]);
            files.add(file);
        }

        List<List<Path>> bins = Compaction.bins(files, file -> file.toFile().length(), 2);

        assertThat(bins).containsExactly(files.subList(0, 4), files.subList(4, 6));
        assertThat(Compaction.bins(files, file -> file.toFile().length(), 1)).containsExactly(files);
    }

    private List<RewriteFileGroup> plan(long target, long cap) {
        table.refresh();
        return CompactionPlanner.plan(table, table.currentSnapshot(), target, cap);
    }

    private static List<List<Long>> sizes(List<RewriteFileGroup> groups) {
        return groups.stream()
                .map(group -> group.fileScanTasks().stream().map(task -> task.file().fileSizeInBytes() / MB).sorted()
                        .toList())
                .toList();
    }

    /** Appends entries for files of these sizes in one partition; the files are never read. */
    private void append(String partition, long... sizes) {
        AppendFiles append = table.newAppend();
        for (long size : sizes) {
            DataFile file = DataFiles.builder(table.spec())
                    .withPath(table.location() + "/data/" + partition + "/f-" + files.incrementAndGet() + ".parquet")
                    .withFormat(FileFormat.PARQUET)
                    .withPartitionPath(partition)
                    .withFileSizeInBytes(size)
                    .withRecordCount(size / 100)
                    .build();
            append.appendFile(file);
        }
        append.commit();
    }
}
