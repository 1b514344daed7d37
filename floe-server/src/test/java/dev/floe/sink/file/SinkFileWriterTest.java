package dev.floe.sink.file;

import static dev.floe.engine.EngineTesting.rows;
import static dev.floe.engine.EngineTesting.value;
import static dev.floe.sink.file.SinkFilesTesting.FIRST_DAY;
import static dev.floe.sink.file.SinkFilesTesting.SECOND_DAY;
import static dev.floe.sink.file.SinkFilesTesting.TABLE;
import static dev.floe.sink.file.SinkFilesTesting.fillTable;
import static dev.floe.sink.file.SinkFilesTesting.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.floe.engine.EngineTestCase;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.sink.FileFormat;
import dev.floe.sink.FileNaming;
import dev.floe.sink.NamingStrategy;
import dev.floe.sink.TimePattern;
import dev.floe.storage.Bucket;
import dev.floe.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written from a real DuckDB into a bucket and read back with DuckDB. Each kind of bucket runs
 * it through a subclass that makes a new, empty bucket for every test.
 */
abstract class SinkFileWriterTest extends EngineTestCase {
    private static final Instant ROLL = Instant.parse("2026-04-01T00:05:00Z");
    private static final FileNaming SERIAL = new FileNaming("", "", NamingStrategy.SERIAL);
    private static final AtomicInteger READ_BACK = new AtomicInteger();

    private Bucket bucket;

    /** A new, empty bucket of the kind under test. */
    abstract Bucket newBucket() throws Exception;

    @BeforeEach
    void openBucket() throws Exception {
        bucket = newBucket();
    }

    @AfterEach
    void closeBucket() {
        bucket.close();
    }

    private SinkFiles sinkFiles(FileFormat format) {
        return new SinkFiles(sink(format, "events", TimePattern.DEFAULT.pattern(), SERIAL), bucket, scratchDirectory());
    }

    private static Path scratchDirectory() {
        return engine.workDirectory().resolve("sink-files");
    }

    /** Plans the table's files and writes them all. */
    private static List<WrittenFile> writeAll(SinkFiles files) {
        return files.plan(connection, TABLE, 0, ROLL).files().stream()
                .map(file -> files.write(connection, TABLE, file)).toList();
    }

    /** Writes the table's files, which must be one per day of its {@code rowsPerDay} rows, in one row group. */
    private List<WrittenFile> writeOneFilePerDay(FileFormat format, long rowsPerDay) {
        List<WrittenFile> written = writeAll(sinkFiles(format));
        String suffix = format.defaultSuffix();
        assertThat(written).extracting(WrittenFile::key, WrittenFile::rows, WrittenFile::rowGroups).containsExactly(
                tuple("events/" + FIRST_DAY + "/00000-000" + suffix, rowsPerDay, 1L),
                tuple("events/" + SECOND_DAY + "/00001-000" + suffix, rowsPerDay, 1L));
        return written;
    }

    /** Downloads an object to where DuckDB may read it, keeping its name, whose extension DuckDB reads. */
    private String readBack(String key) {
        Path local = engine.workDirectory().resolve("read-back-" + READ_BACK.incrementAndGet() + "-"
                + key.substring(key.lastIndexOf('/') + 1));
        bucket.download(key, local);
        return "'" + local + "'";
    }

    private static List<Long> longs(String sql) throws Exception {
        return rows(connection, sql).stream().map(row -> Long.parseLong(row.values().iterator().next())).toList();
    }

    private static List<Long> ids(long fromInclusive, long toExclusive) {
        return LongStream.range(fromInclusive, toExclusive).boxed().toList();
    }

    private static Map<String, String> row(String id, String name, String amount) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("amount", amount);
        return row;
    }

    @Test
    void parquetFilesHoldTheirPartitionsOutputColumnsInOffsetOrder() throws Exception {
        fillTable(connection, 1000);

        List<WrittenFile> written = writeOneFilePerDay(FileFormat.DEFAULT_PARQUET, 500);

        assertThat(bucket.list("")).extracting(StoredObject::key, StoredObject::size)
                .containsExactly(written.stream().map(file -> tuple(file.key(), file.bytes())).toArray(Tuple[]::new));
        String firstDay = readBack(written.get(0).key());
        assertThat(rows(connection, "DESCRIBE SELECT * FROM read_parquet(" + firstDay + ")"))
                .extracting(row -> row.get("column_name") + " " + row.get("column_type"))
                .containsExactly("id BIGINT", "name VARCHAR", "amount DOUBLE");
        assertThat(longs("SELECT id FROM read_parquet(" + firstDay + ")")).isEqualTo(ids(0, 500));
        assertThat(longs("SELECT id FROM read_parquet(" + readBack(written.get(1).key()) + ")")).isEqualTo(ids(500, 1000));
        assertThat(rows(connection, "SELECT * FROM read_parquet(" + firstDay + ") WHERE id IN (0, 3)"))
                .containsExactly(row("0", "event-0", null), row("3", "event-3", "1.5"));
        try (Stream<Path> left = Files.list(scratchDirectory())) {
            assertThat(left).as("scratch files left behind").isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"zstd, ZSTD", "snappy, SNAPPY", "gzip, GZIP", "lz4, LZ4_RAW", "uncompressed, UNCOMPRESSED"})
    void parquetColumnsAreCompressedWithTheSinksCodec(String compression, String codec) throws Exception {
        fillTable(connection, 100);

        WrittenFile file = writeAll(sinkFiles(new FileFormat(FileFormat.PARQUET, compression,
                FileFormat.DEFAULT_ROW_GROUP_BYTES))).getFirst();

        assertThat(rows(connection, "SELECT DISTINCT compression FROM parquet_metadata(" + readBack(file.key()) + ")"))
                .containsExactly(Map.of("compression", codec));
    }

    @Test
    void parquetColumnChunksCarryMinMaxAndNullCounts() throws Exception {
        fillTable(connection, 1000);

        WrittenFile file = writeAll(sinkFiles(FileFormat.DEFAULT_PARQUET)).getFirst();

        assertThat(rows(connection, "SELECT path_in_schema, stats_min, stats_max, stats_null_count"
                + " FROM parquet_metadata(" + readBack(file.key()) + ") ORDER BY column_id")).containsExactly(
                Map.of("path_in_schema", "id", "stats_min", "0", "stats_max", "499", "stats_null_count", "0"),
                Map.of("path_in_schema", "name", "stats_min", "event-0", "stats_max", "event-99", "stats_null_count", "0"),
                Map.of("path_in_schema", "amount", "stats_min", "0.5", "stats_max", "249.5", "stats_null_count", "100"));
    }

    @Test
    void aSmallRowGroupSizeSplitsTheFileIntoRowGroups() throws Exception {
        fillTable(connection, 40_000);

        WrittenFile file = writeAll(sinkFiles(new FileFormat(FileFormat.PARQUET, "zstd", 32 << 10))).getFirst();

        String local = readBack(file.key());
        assertThat(file.rowGroups()).isGreaterThan(1)
                .isEqualTo(Long.parseLong(value(connection, "SELECT num_row_groups FROM parquet_file_metadata(" + local + ")")));
        assertThat(longs("SELECT id FROM read_parquet(" + local + ")")).isEqualTo(ids(0, 20_000));
    }

    @Test
    void parquetFilesCarryBloomFiltersForIdLikeColumnsOnly() throws Exception {
        try (Statement statement = connection.createStatement()) {
            // even ids only, so that an odd one lies inside each row group's min and max but is absent;
            // unique ids DuckDB writes plain, ten sources it keeps in a dictionary
            statement.execute("CREATE OR REPLACE TEMP TABLE " + TABLE + " AS SELECT 'evt-' || lpad((i * 2)::VARCHAR, 8, '0')"
                    + " AS event_id, i * 2 AS \"actionId\", 'src-' || (i % 10) AS source,"
                    + " ['created', 'updated'][i % 2 + 1] AS verb, i * 0.25 AS amount,"
                    + " TIMESTAMPTZ '2026-04-01 00:00:00+00' + to_microseconds(i) AS created_at,"
                    + " '{\"n\":' || i || '}' AS data, i AS __offset, TIMESTAMPTZ '2026-04-01 00:00:00+00' AS __ingest_ts"
                    + " FROM range(130000) r(i)");
        }

        WrittenFile file = writeAll(sinkFiles(FileFormat.DEFAULT_PARQUET)).getFirst();

        String local = readBack(file.key());
        assertThat(file.rowGroups()).isGreaterThan(1);
        assertThat(rows(connection, "SELECT path_in_schema, count(*) AS row_groups FROM parquet_metadata(" + local
                + ") WHERE bloom_filter_offset > 0 AND bloom_filter_length > 0 GROUP BY ALL ORDER BY ALL")).containsExactly(
                Map.of("path_in_schema", "actionId", "row_groups", Long.toString(file.rowGroups())),
                Map.of("path_in_schema", "event_id", "row_groups", Long.toString(file.rowGroups())),
                Map.of("path_in_schema", "source", "row_groups", Long.toString(file.rowGroups())));
        assertThat(rows(connection, "SELECT DISTINCT bloom_filter_excludes FROM parquet_bloom_probe(" + local
                + ", 'event_id', 'evt-00000003')")).containsExactly(Map.of("bloom_filter_excludes", "true"));
        assertThat(rows(connection, "SELECT DISTINCT bloom_filter_excludes FROM parquet_bloom_probe(" + local
                + ", 'actionId', 3)")).containsExactly(Map.of("bloom_filter_excludes", "true"));
        assertThat(longs("SELECT row_group_id FROM parquet_bloom_probe(" + local + ", 'event_id', 'evt-00000004')"
                + " WHERE NOT bloom_filter_excludes")).containsExactly(0L);
        assertThat(rows(connection, "SELECT DISTINCT bloom_filter_excludes FROM parquet_bloom_probe(" + local
                + ", 'source', 'src-10')")).containsExactly(Map.of("bloom_filter_excludes", "true"));
        assertThat(rows(connection, "SELECT DISTINCT bloom_filter_excludes FROM parquet_bloom_probe(" + local
                + ", 'source', 'src-7')")).containsExactly(Map.of("bloom_filter_excludes", "false"));
        assertThat(rows(connection, "SELECT count(*) AS n, sum(\"actionId\") AS ids, count(DISTINCT verb) AS verbs,"
                + " max(created_at) AS last FROM read_parquet(" + local + ")")).containsExactly(Map.of("n", "130000",
                "ids", Long.toString(129999L * 130000), "verbs", "2", "last", "2026-04-01T00:00:00.129999Z"));
    }

    @Test
    void jsonFilesAreOneObjectPerLineInOffsetOrder() throws Exception {
        fillTable(connection, 10);

        List<WrittenFile> written = writeOneFilePerDay(FileFormat.DEFAULT_JSON, 5);

        assertThat(new String(bucket.read(written.getFirst().key()), StandardCharsets.UTF_8)).isEqualTo("""
                {"id":0,"name":"event-0","amount":null}
                {"id":1,"name":"event-1","amount":0.5}
                {"id":2,"name":"event-2","amount":1.0}
                {"id":3,"name":"event-3","amount":1.5}
                {"id":4,"name":"event-4","amount":2.0}
                """);
        assertThat(written.getFirst().bytes()).isEqualTo(bucket.read(written.getFirst().key()).length);
        assertThat(longs("SELECT id FROM read_json(" + readBack(written.get(1).key()) + ")")).isEqualTo(ids(5, 10));
    }

    @Test
    void gzipJsonFilesAreGzipStreams() throws Exception {
        fillTable(connection, 1000);

        WrittenFile file = writeAll(sinkFiles(new FileFormat(FileFormat.JSON, "gzip", 0))).getFirst();

        assertThat(file.key()).isEqualTo("events/" + FIRST_DAY + "/00000-000.json.gz");
        byte[] content = bucket.read(file.key());
        assertThat(content).startsWith(0x1f, 0x8b);
        assertThat(content.length).isEqualTo((int) file.bytes()).isLessThan(500 * 30);
        assertThat(longs("SELECT id FROM read_json(" + readBack(file.key()) + ")")).isEqualTo(ids(0, 500));
    }

    @ParameterizedTest
    @CsvSource({"parquet, zstd, read_parquet", "json, none, read_json", "json, gzip, read_json"})
    void aFileWrittenInPartsHoldsEveryPartsRowsInTheirOrder(String type, String compression, String reader)
            throws Exception {
        fillTable(connection, 1000);
        SinkFiles files = sinkFiles(new FileFormat(type, compression, FileFormat.DEFAULT_ROW_GROUP_BYTES));
        String part = "SELECT * EXCLUDE (__offset, __ingest_ts) FROM " + TABLE + " WHERE id >= %d AND id < %d ORDER BY id";

        WrittenFile file;
        try (FileInParts inParts = files.startFile()) {
            inParts.append(connection, part.formatted(0, 300));
            inParts.append(connection, part.formatted(300, 300));
            inParts.append(connection, part.formatted(300, 700));
            try (ScratchFile scratch = inParts.finish().orElseThrow()) {
                assertThat(scratch.rows()).isEqualTo(700);
                file = files.upload(connection, scratch, files.plan(scratch, FIRST_DAY, 0, ROLL).files().getFirst());
            }
        }

        assertThat(file.rows()).isEqualTo(700);
        String local = readBack(file.key());
        assertThat(longs("SELECT id FROM " + reader + "(" + local + ")")).isEqualTo(ids(0, 700));
        if (type.equals(FileFormat.PARQUET)) {
            assertThat(file.rowGroups()).as("a row group per part with rows").isEqualTo(2);
            assertThat(longs("SELECT count(*) FROM parquet_bloom_probe(" + local + ", 'id', 650)"
                    + " WHERE NOT bloom_filter_excludes")).as("row groups the bloom filters may hold 650 in").containsExactly(1L);
        } else if (compression.equals("gzip")) {
            assertThat(bucket.read(file.key())).startsWith(0x1f, 0x8b);
        }
    }

    @ParameterizedTest
    @CsvSource({"parquet, zstd", "json, none"})
    void aFileInPartsTellsItsBytesSoFarAndAddsTheBloomFiltersItCountsOnlyOnce(String type, String compression)
            throws Exception {
        fillTable(connection, 1000);
        SinkFiles files = sinkFiles(new FileFormat(type, compression, FileFormat.DEFAULT_ROW_GROUP_BYTES));
        String part = "SELECT * EXCLUDE (__offset, __ingest_ts) FROM " + TABLE + " WHERE id >= %d AND id < %d ORDER BY id";

        long told;
        long asked;
        try (FileInParts inParts = files.startFile()) {
            inParts.append(connection, part.formatted(0, 300));
            told = inParts.bytesSoFar().orElseThrow();
            inParts.append(connection, part.formatted(300, 700));
            try (ScratchFile scratch = inParts.finish().orElseThrow()) {
                asked = Files.size(scratch.path());
            }
        }

        assertThat(asked).as("the file, whether its bytes so far were asked for or not")
                .isEqualTo(sizeInParts(files, part.formatted(0, 300), part.formatted(300, 700)));
        assertThat(told).as("the first part's bytes, with its bloom filters when Parquet")
                .isEqualTo(sizeInParts(files, part.formatted(0, 300)));
    }

    /** The size of the file the parts' queries make, never asked for its bytes so far. */
    private long sizeInParts(SinkFiles files, String... parts) throws IOException {
        try (FileInParts inParts = files.startFile()) {
            for (String query : parts) {
                inParts.append(connection, query);
            }
            try (ScratchFile scratch = inParts.finish().orElseThrow()) {
                return Files.size(scratch.path());
            }
        }
    }

    @Test
    void aGzippedJsonFileInPartsCannotTellItsBytesBeforeItIsJoined() throws Exception {
        fillTable(connection, 100);
        SinkFiles files = sinkFiles(new FileFormat(FileFormat.JSON, "gzip", FileFormat.DEFAULT_ROW_GROUP_BYTES));

        try (FileInParts inParts = files.startFile()) {
            inParts.append(connection, "SELECT * EXCLUDE (__offset, __ingest_ts) FROM " + TABLE + " ORDER BY id");
            assertThat(inParts.bytesSoFar()).isEmpty();
        }
    }

    @Test
    void parquetPartsOfTwoSchemasMakeNoFileAndLeaveNothingBehind() throws Exception {
        fillTable(connection, 1000);
        SinkFiles files = sinkFiles(FileFormat.DEFAULT_PARQUET);
        Path scratch = scratchDirectory();

        try (FileInParts inParts = files.startFile()) {
            inParts.append(connection, "SELECT id FROM " + TABLE + " WHERE id < 10");
            // DuckDB knows the table's ids hold no null, and writes them REQUIRED; this column may hold some
            inParts.append(connection, "SELECT CASE WHEN id % 2 = 0 THEN id END AS id FROM " + TABLE
                    + " WHERE id >= 10 AND id < 20");
            inParts.append(connection, "SELECT id FROM " + TABLE + " WHERE id >= 20 AND id < 25");
            assertThat(inParts.finish()).isEmpty();
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("scratch files").isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"none", "gzip"})
    void jsonTimestampsAreRfc3339InUtcWithMillisecondsAtAnyDepth(String compression) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + TABLE + " AS SELECT"
                    + " TIMESTAMPTZ '2026-01-01 23:59:00+00' AS at,"
                    + " {'seen': [TIMESTAMPTZ '2026-01-02 00:00:01.5+00', TIMESTAMPTZ '2026-01-02 02:03:04.123456+02']} AS nested,"
                    + " 7::BIGINT AS __offset, TIMESTAMPTZ '" + SinkFilesTesting.FIRST_INGEST + "' AS __ingest_ts");
        }

        WrittenFile file = writeAll(sinkFiles(new FileFormat(FileFormat.JSON, compression, 0))).getFirst();

        byte[] content = bucket.read(file.key());
        if (compression.equals("gzip")) {
            content = new GZIPInputStream(new ByteArrayInputStream(content)).readAllBytes();
        }
        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("""
                {"at":"2026-01-01T23:59:00.000Z","nested":{"seen":["2026-01-02T00:00:01.500Z","2026-01-02T00:03:04.123Z"]}}
                """);
    }

    @ParameterizedTest
    @CsvSource({"parquet, zstd", "json, gzip"})
    void writingAPlannedFileAgainReplacesItWithTheSameContent(String type, String compression) throws Exception {
        fillTable(connection, 1000);
        SinkFiles files = sinkFiles(new FileFormat(type, compression, FileFormat.DEFAULT_ROW_GROUP_BYTES));
        PlannedFile planned = files.plan(connection, TABLE, 0, ROLL).files().getFirst();

        WrittenFile first = files.write(connection, TABLE, planned);
        byte[] firstContent = bucket.read(planned.key());
        WrittenFile again = files.write(connection, TABLE, planned);

        assertThat(again).isEqualTo(first);
        assertThat(bucket.read(planned.key())).isEqualTo(firstContent);
        assertThat(bucket.list("")).extracting(StoredObject::key).containsExactly(planned.key());
    }

    @Test
    void deletingPlannedFilesToleratesFilesNeverWritten() throws Exception {
        fillTable(connection, 10);
        SinkFiles files = sinkFiles(FileFormat.DEFAULT_PARQUET);
        List<PlannedFile> planned = files.plan(connection, TABLE, 0, ROLL).files();
        files.write(connection, TABLE, planned.getFirst());

        planned.forEach(file -> files.delete(file.key()));
        planned.forEach(file -> files.delete(file.key()));

        assertThat(bucket.isEmpty()).isTrue();
    }

    @Test
    void aFileWhoseRowsNoLongerMatchThePlanIsNotUploaded() throws Exception {
        fillTable(connection, 10);
        SinkFiles files = sinkFiles(FileFormat.DEFAULT_PARQUET);
        PlannedFile planned = files.plan(connection, TABLE, 0, ROLL).files().getFirst();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + TABLE + " WHERE id = 2");
        }

        assertThatThrownBy(() -> files.write(connection, TABLE, planned)).isInstanceOfSatisfying(FloeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e.getMessage()).contains(planned.key(), "planned with 5 rows", "holds 4");
        });
        assertThat(bucket.isEmpty()).isTrue();
    }
}
