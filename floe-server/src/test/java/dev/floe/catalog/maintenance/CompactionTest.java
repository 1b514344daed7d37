package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.catalog.maintenance.JobOutcome.Status;
import dev.floe.catalog.LocalFileIO;
import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineSettings;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.LocalS3Extension;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction rewrites the small files of a table that Iceberg's own client wrote, through a floe
 * server's catalog, in a local bucket and in an S3-backed one: one file per day afterwards, the same
 * rows read back by Iceberg's generic reader (columns found by field id across a rename and an added
 * column), and complete statistics on the new files. Files of one schema whose row groups are large
 * enough are merged by copying their row groups instead.
 */
class CompactionTest {
    private static final String TOKEN = "compaction-token";
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    @TempDir
    static Path dataDir;

    private static RunningServer server;
    private static DuckDbEngine engine;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, Map.of("api-token", TOKEN));
        server.createBucketWithCatalog(TOKEN, Map.of("name", "lake"));
        server.createBucketWithCatalog(TOKEN, S3.s3().floeBucket("s3-lake", "remote-lake"));
        engine = DuckDbEngine.open(new EngineSettings(2, 512L << 20, dataDir.resolve("compaction-engine")));
    }

    @AfterAll
    static void stop() {
        engine.close();
        server.close();
    }

    @Test
    void smallFilesInALocalBucketAreCompactedToOneFilePerDay() throws Exception {
        try (RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            compactsToOneFilePerDay(client, "lake");
        }
    }

    @Test
    void smallFilesInAnS3BucketAreCompactedToOneFilePerDay() throws Exception {
        try (RESTCatalog client = IcebergClient.connect(server, "s3-lake", TOKEN, IcebergClient.s3Files())) {
            compactsToOneFilePerDay(client, "s3-lake");
        }
    }

    private static void compactsToOneFilePerDay(RESTCatalog client, String bucket) throws Exception {
        TableIdentifier id = TableIdentifier.of("compaction", "events");
        client.createNamespace(Namespace.of("compaction"));
        Table table = client.createTable(id, TableRows.SCHEMA, TableRows.SPEC);
        Random random = new Random(42);
        long nextId = 0;
        for (int append = 0; append < 6; append++) {
            if (append == 3) {
                table.updateSchema().renameColumn("name", "label").addColumn("extra", Types.StringType.get()).commit();
            }
            for (LocalDate day : List.of(MONDAY, MONDAY.plusDays(1))) {
                IcebergClient.append(table, TableRows.random(table, random, day, nextId, 50));
                nextId += 50;
            }
        }
        List<String> before = TableRows.read(table);
        assertThat(before).hasSize(600);
        List<DataFile> written = TableRows.files(table);
        assertThat(written).hasSize(12);

        // Row groups of any size could be copied, but the files' schemas differ: DuckDB rewrites them.
        JobOutcome outcome = compact(bucket, id, 1);

        assertThat(outcome.success()).as(outcome.toString()).isTrue();
        assertThat(outcome.filesIn()).isEqualTo(12);
        assertThat(outcome.filesOut()).isEqualTo(2);
        assertThat(outcome.bytesIn()).isPositive();
        assertThat(outcome.bytesOut()).isPositive();
        assertThat(TableRows.read(table)).containsExactlyElementsOf(before);
        List<DataFile> files = TableRows.files(table);
        // The statistics Iceberg's own writer keeps, which engines prune with.
        Integer[] bounded = keys(written, DataFile::lowerBounds);
        Integer[] counted = keys(written, DataFile::nullValueCounts);
        assertThat(bounded).contains(table.schema().findField("point.x").fieldId(),
                table.schema().findField("extra").fieldId());
        assertThat(files).hasSize(2).allSatisfy(file -> {
            assertThat(file.location()).contains("/data/ts_day=").contains("/" + Compaction.FILE_PREFIX);
            assertThat(file.recordCount()).isEqualTo(300);
            assertThat(file.lowerBounds()).containsKeys(bounded);
            assertThat(file.upperBounds()).containsKeys(bounded);
            assertThat(file.nullValueCounts()).containsKeys(counted);
            assertThat(file.valueCounts()).containsKeys(counted);
        });
        assertThat(files).extracting(file -> file.partition().get(0, Integer.class))
                .containsExactlyInAnyOrder((int) MONDAY.toEpochDay(), (int) MONDAY.plusDays(1).toEpochDay());
        assertThat(table.currentSnapshot().operation()).isEqualTo("replace");
        if (bucket.equals("lake")) {
            assertThat(rowGroups(files.getFirst())).as("rows rewritten into one row group").isEqualTo(1);
        }

        assertThat(compact(bucket, id).status()).as("a compacted table stays as it is").isEqualTo(Status.IDLE);
    }

    @Test
    void aTableWithAColumnDuckDbCannotWriteIsLeftAsItIs() throws Exception {
        try (RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            TableIdentifier id = TableIdentifier.of("unsupported", "hashes");
            client.createNamespace(Namespace.of("unsupported"));
            Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                    Types.NestedField.optional(2, "name", Types.StringType.get()),
                    Types.NestedField.optional(3, "digest", Types.FixedType.ofLength(32)));
            Table table = client.createTable(id, schema, PartitionSpec.unpartitioned());
            for (long i = 0; i < 6; i++) {
                IcebergClient.append(table, Map.of(i, "row " + i));
            }

            JobOutcome outcome = compact("lake", id);

            assertThat(outcome.status()).isEqualTo(Status.SKIPPED);
            assertThat(outcome.detail()).contains("column 'digest' is of type fixed[32]");
            assertThat(TableRows.files(table)).hasSize(6);
        }
    }

    /** The field ids any of the files has a statistic for. */
    private static Integer[] keys(List<DataFile> files, Function<DataFile, Map<Integer, ?>> statistic) {
        return files.stream().flatMap(file -> statistic.apply(file).keySet().stream()).distinct()
                .toArray(Integer[]::new);
    }

    @Test
    void filesOfOneSchemaWithLargeEnoughRowGroupsAreMergedRowGroupByRowGroup() throws Exception {
        try (RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            TableIdentifier id = sixFilesOfOneDay(client, "merged", append -> { });

            // Any row group is large enough here: the files are copied row group by row group.
            DataFile merged = compactedIntoOneFile(client, id, 1);

            assertThat(rowGroups(merged)).as("the six files' row groups, as they were").isEqualTo(6);
        }
    }

    @Test
    void filesOfOneSchemaWithSmallRowGroupsAreMergedPageByPage() throws Exception {
        try (RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            TableIdentifier id = sixFilesOfOneDay(client, "paged", append -> { });

            DataFile merged = compactedIntoOneFile(client, id, RowGroupCopy.MIN_AVERAGE_ROW_GROUP_ROWS);

            assertThat(rowGroups(merged)).as("the six files' row groups merged into one").isEqualTo(1);
            assertThat(writer(merged)).as("pages merged, not rewritten by DuckDB").startsWith("parquet-mr");
            assertThat(merged.lowerBounds()).containsKey(client.loadTable(id).schema().findField("name").fieldId());
        }
    }

    @Test
    void filesCompressedWithTwoCodecsAreRewrittenByDuckDb() throws Exception {
        try (RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            TableIdentifier id = sixFilesOfOneDay(client, "codecs", append -> client.loadTable(
                    TableIdentifier.of("codecs", "events")).updateProperties()
                    .set(TableProperties.PARQUET_COMPRESSION, append < 3 ? "snappy" : "zstd").commit());

            DataFile rewritten = compactedIntoOneFile(client, id, RowGroupCopy.MIN_AVERAGE_ROW_GROUP_ROWS);

            assertThat(writer(rewritten)).startsWith("DuckDB");
        }
    }

    /**
     * A table {@code <namespace>.events} of six files of 100 rows of one day, each written after
     * {@code beforeEachAppend} ran with its number (and with the table's properties as they are then).
     */
    private static TableIdentifier sixFilesOfOneDay(RESTCatalog client, String namespace,
                                                    IntConsumer beforeEachAppend) {
        TableIdentifier id = TableIdentifier.of(namespace, "events");
        client.createNamespace(Namespace.of(namespace));
        client.createTable(id, TableRows.SCHEMA, TableRows.SPEC);
        Random random = new Random(namespace.hashCode());
        for (int append = 0; append < 6; append++) {
            beforeEachAppend.accept(append);
            Table table = client.loadTable(id);
            IcebergClient.append(table, TableRows.random(table, random, MONDAY, append * 100L, 100));
        }
        return id;
    }

    /** Compacts a table of one day's files, which must give one file of the same rows: that file. */
    private static DataFile compactedIntoOneFile(RESTCatalog client, TableIdentifier id, long minRowGroupRows) {
        List<String> before = TableRows.read(client.loadTable(id));

        JobOutcome outcome = compact("lake", id, minRowGroupRows);

        assertThat(outcome.filesOut()).as(outcome.toString()).isEqualTo(1);
        Table table = client.loadTable(id);
        assertThat(TableRows.read(table)).containsExactlyElementsOf(before);
        return TableRows.files(table).getFirst();
    }

    @Test
    void filesWhoseDictionariesAreTooLargeToMergeAreRewrittenByDuckDb() throws Exception {
        try (RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            TableIdentifier id = TableIdentifier.of("dictionaries", "names");
            client.createNamespace(Namespace.of("dictionaries"));
            Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                    Types.NestedField.optional(2, "name", Types.StringType.get()));
            Table table = client.createTable(id, schema, PartitionSpec.unpartitioned());
            for (long file = 0; file < 5; file++) {
                // 8,000 names of 40 bytes, each four times: a dictionary of 350 KB each, over 1 MB merged.
                Map<Long, String> rows = new HashMap<>();
                for (long i = 0; i < 32_000; i++) {
                    rows.put(file * 32_000 + i, String.format("%040d", file * 8_000 + i % 8_000));
                }
                IcebergClient.append(table, rows);
            }
            assertThat(encodings(TableRows.files(table).getFirst(), "name")).contains("PLAIN_DICTIONARY");
            List<String> before = IcebergClient.rows(table);

            JobOutcome outcome = compact("lake", id);

            assertThat(outcome.filesOut()).as(outcome.toString()).isEqualTo(1);
            // sorted, since comparing 160,000 rows in any order is quadratic
            assertThat(IcebergClient.rows(table).stream().sorted().toList()).hasSize(160_000)
                    .isEqualTo(before.stream().sorted().toList());
            assertThat(writer(TableRows.files(table).getFirst())).startsWith("DuckDB");
        }
    }

    @Test
    void aRewriteThatLostValuesOrRowsIsRefused() {
        Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                Types.NestedField.optional(2, "name", Types.StringType.get()));
        List<Metrics> inputs = List.of(metrics(10, Map.of(1, 0L, 2, 1L)), metrics(5, Map.of(1, 0L, 2, 0L)));

        Compaction.checkSameRows("db.t", schema, inputs, List.of(metrics(15, Map.of(1, 0L, 2, 1L))));
        assertThatThrownBy(() -> Compaction.checkSameRows("db.t", schema, inputs,
                List.of(metrics(15, Map.of(1, 0L, 2, 15L)))))
                .hasMessage("compacting table db.t wrote 15 nulls in column name where its inputs have 1; "
                        + "nothing was committed");
        assertThatThrownBy(() -> Compaction.checkSameRows("db.t", schema, inputs,
                List.of(metrics(14, Map.of(1, 0L, 2, 1L)))))
                .hasMessage("compacting table db.t wrote 14 rows from 15; nothing was committed");
    }

    private static Metrics metrics(long rows, Map<Integer, Long> nulls) {
        return new Metrics(rows, null, null, nulls, null);
    }

    private static int rowGroups(DataFile file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(LocalFileIO.path(file.location())))) {
            return reader.getFooter().getBlocks().size();
        }
    }

    /** What wrote a data file, as its footer says. */
    private static String writer(DataFile file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(LocalFileIO.path(file.location())))) {
            return reader.getFooter().getFileMetaData().getCreatedBy();
        }
    }

    /** The encodings of a column's chunks in a data file. */
    private static List<String> encodings(DataFile file, String column) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(LocalFileIO.path(file.location())))) {
            return reader.getFooter().getBlocks().stream().flatMap(rowGroup -> rowGroup.getColumns().stream())
                    .filter(chunk -> chunk.getPath().toDotString().equals(column))
                    .flatMap(chunk -> chunk.getEncodings().stream()).map(Enum::name).distinct().toList();
        }
    }

    private static JobOutcome compact(String bucket, TableIdentifier id) {
        return compact(bucket, id, RowGroupCopy.MIN_AVERAGE_ROW_GROUP_ROWS);
    }

    private static JobOutcome compact(String bucket, TableIdentifier id, long minRowGroupRows) {
        Table served = server.server().catalogs().catalog(bucket).catalog().loadTable(id);
        return new Compaction(() -> engine, minRowGroupRows).run(new MaintainedTable(bucket, id, served),
                new CompactionPolicy(true, 64), 1L << 30);
    }
}
