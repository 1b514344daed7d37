package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.engine.EngineTesting;
import dev.floe.engine.ParquetBloomFilters;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files as a sink writes them (DuckDB, zstd, Iceberg field ids, bloom filters on the id columns),
 * each a roll of 10,000 rows in one row group, merged page by page: the merged file has row groups of
 * DuckDB's size, DuckDB reads back every row in order and finds each row group's statistics as it
 * computes them over its rows, and Iceberg's Parquet reader (parquet-java's page readers) reads it too.
 * Columns cover what DuckDB writes: dictionaries that differ from file to file (some with nulls, one
 * in a list), a column dictionary-encoded in some files and plain in others, plain longs, doubles,
 * timestamps and unique strings.
 */
class PageMergeTest {
    private static final int FILES = 30;
    private static final int ROWS = 10_000;
    private static final String FIELD_IDS = "FIELD_IDS {id: 1, event_id: 2, kind: 3, verb: 4, source: 5, note: 6, "
            + "amount: 7, ts: 8, tags: {__duckdb_field_id: 9, element: 10}}";
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "event_id", Types.StringType.get()),
            Types.NestedField.optional(3, "kind", Types.StringType.get()),
            Types.NestedField.optional(4, "verb", Types.StringType.get()),
            Types.NestedField.optional(5, "source", Types.StringType.get()),
            Types.NestedField.optional(6, "note", Types.StringType.get()),
            Types.NestedField.optional(7, "amount", Types.DoubleType.get()),
            Types.NestedField.optional(8, "ts", Types.TimestampType.withZone()),
            Types.NestedField.optional(9, "tags", Types.ListType.ofOptional(10, Types.StringType.get())));
    private static final List<String> FLAT_COLUMNS = List.of("id", "event_id", "kind", "verb", "source", "note",
            "amount", "ts");

    @TempDir
    Path directory;

    private Connection duckdb;

    @BeforeEach
    void open() throws Exception {
        duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
    }

    @AfterEach
    void close() throws Exception {
        duckdb.close();
    }

    /**
     * Each codec compresses the remapped dictionary pages again; DuckDB's {@code PARQUET_VERSION V2}
     * writes RLE_DICTIONARY and DELTA encodings (in version 1 pages).
     */
    @ParameterizedTest
    @CsvSource({"zstd, ''", "snappy, ''", "gzip, ''", "uncompressed, ''", "zstd, ', PARQUET_VERSION V2'"})
    void smallRowGroupsAreMergedIntoRowGroupsOfDuckDbsSizeThatReadBackAsTheirInputs(String codec, String options)
            throws Exception {
        List<LocalParquetFile> inputs = new ArrayList<>();
        for (int file = 0; file < FILES; file++) {
            inputs.add(roll(file, codec, options));
        }
        assertThat(PageMerge.suits(inputs)).isTrue();
        assertThat(encodings(inputs, "source")).as("dictionary-encoded in some files, plain in others")
                .containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY)
                .containsAnyOf(Encoding.PLAIN, Encoding.DELTA_LENGTH_BYTE_ARRAY, Encoding.DELTA_BYTE_ARRAY);
        assertThat(encodings(inputs, "event_id")).as("unique strings: chunks copied whole, unread")
                .doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
        Path merged = directory.resolve("merged-" + codec + ".parquet");

        PageMerge.merge(inputs, merged);

        LocalParquetFile result = LocalParquetFile.read(merged);
        assertThat(result.schema()).isEqualTo(inputs.getFirst().schema());
        assertThat(result.raw().getNum_rows()).isEqualTo((long) FILES * ROWS);
        assertThat(result.raw().getRow_groups()).extracting(RowGroup::getNum_rows)
                .as("row groups of at least DuckDB's 122,880 rows, the last one the rest")
                .containsExactly(130_000L, 130_000L, 40_000L);
        assertSameInOrder(rows(merged), rows(inputs));
        assertThat(dataPageCounts(List.of(result))).as("every data page of the inputs, counted in the footer")
                .isEqualTo(dataPageCounts(inputs));
        assertThat(statistics(merged)).as("each row group's statistics as DuckDB computes them over its rows")
                .containsExactlyElementsOf(computedStatistics(merged));
        assertThat(icebergRows(merged)).hasSize(FILES * ROWS).filteredOn(record -> record.getField("id").equals(7L))
                .singleElement().satisfies(record -> {
                    assertThat(record.getField("verb")).isEqualTo("verb-2");
                    assertThat(record.getField("kind")).isEqualTo("b");
                    assertThat(record.getField("note")).isNull();
                    assertThat(record.getField("tags")).isEqualTo(List.of("t-7", "t-8"));
                });
    }

    @Test
    void columnsCompressedWithDifferentCodecsAreNotMerged() throws Exception {
        List<LocalParquetFile> inputs = List.of(roll(0, "zstd", ""), roll(1, "snappy", ""));
        assertThat(PageMerge.suits(inputs)).as("each chunk's codec is one a page merge has").isTrue();

        assertThatThrownBy(() -> PageMerge.merge(inputs, directory.resolve("merged.parquet")))
                .isInstanceOf(PagesNotMergeable.class).hasMessageContaining("more than one codec");
    }

    @Test
    void dictionariesTooLargeToMergeAreNotMerged() throws Exception {
        // DuckDB keeps a dictionary of 10,000 unique notes of 100 bytes each when allowed to: 1 MB.
        String large = ", DICTIONARY_SIZE_LIMIT 100000, STRING_DICTIONARY_PAGE_SIZE_LIMIT 4000000";
        List<LocalParquetFile> inputs = List.of(roll(0, "zstd", large), roll(1, "zstd", large));
        assertThat(encodings(inputs, "event_id")).containsOnly(Encoding.PLAIN_DICTIONARY);

        assertThatThrownBy(() -> PageMerge.merge(inputs, directory.resolve("merged.parquet")))
                .isInstanceOf(PagesNotMergeable.class).hasMessageContaining("merged dictionary of column event_id");
    }

    /** A sink's roll of {@value #ROWS} rows: one row group, bloom filters on the id columns. */
    private LocalParquetFile roll(int file, String codec, String options) throws Exception {
        Path path = directory.resolve("roll-" + file + "-" + codec + ".parquet");
        long first = (long) file * ROWS;
        // Each file's dictionaries hold other values, in another order, than the file before's.
        String select = "SELECT " + first + " + i AS id, md5((" + first + " + i)::VARCHAR) || repeat('-', 68) AS event_id, "
                + "['a', 'b', NULL][i % 3 + 1] AS kind, 'verb-' || ((i + " + file + " * 7) % (5 + " + file + ")) AS verb, "
                + "'https://example.com/' || (i % " + (file % 2 == 0 ? 50 : 9_000) + ") AS source, "
                + "CASE WHEN i % 7 = 0 THEN NULL ELSE md5(i::VARCHAR) END AS note, "
                + "CASE WHEN i % 11 = 0 THEN NULL ELSE i / 3.0 END::DOUBLE AS amount, "
                + "TIMESTAMPTZ '2026-03-02 00:00:00+00' + to_seconds(" + first + " + i) AS ts, "
                + "CASE WHEN i % 13 = 0 THEN NULL ELSE ['t-' || (i % 10), 't-' || ((i + 1) % 10)] END AS tags "
                + "FROM range(" + ROWS + ") r(i)";
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + path + "' (FORMAT parquet, COMPRESSION " + codec
                    + ", ROW_GROUP_SIZE_BYTES " + (1L << 30) + ", " + FIELD_IDS + ", " + ParquetBloomFilters.COPY_OPTION
                    + options + ")");
        }
        assertThat(ParquetBloomFilters.add(path)).contains("id", "event_id");
        return LocalParquetFile.read(path);
    }

    private static List<Encoding> encodings(List<LocalParquetFile> files, String column) {
        return files.stream().flatMap(file -> file.raw().getRow_groups().stream())
                .flatMap(rowGroup -> rowGroup.getColumns().stream())
                .filter(chunk -> chunk.getMeta_data().getPath_in_schema().equals(List.of(column)))
                .flatMap(chunk -> chunk.getMeta_data().getEncodings().stream()).distinct().toList();
    }

    /** Per column, page type and encoding, how many data pages the files' footers count. */
    private static Map<String, Integer> dataPageCounts(List<LocalParquetFile> files) {
        Map<String, Integer> counts = new TreeMap<>();
        files.stream().flatMap(file -> file.raw().getRow_groups().stream())
                .flatMap(rowGroup -> rowGroup.getColumns().stream())
                .forEach(chunk -> chunk.getMeta_data().getEncoding_stats().stream()
                        .filter(stats -> stats.getPage_type() != PageType.DICTIONARY_PAGE)
                        .forEach(stats -> counts.merge(chunk.getMeta_data().getPath_in_schema() + " "
                                + stats.getPage_type() + " " + stats.getEncoding(), stats.getCount(), Integer::sum)));
        return counts;
    }

    /** Lists of many rows compared row by row: a failure names the first row that differs. */
    private static void assertSameInOrder(List<Map<String, String>> actual, List<Map<String, String>> expected) {
        assertThat(actual.size()).as("rows").isEqualTo(expected.size());
        for (int row = 0; row < actual.size(); row++) {
            if (!actual.get(row).equals(expected.get(row))) {
                assertThat(actual.get(row)).as("row " + row).isEqualTo(expected.get(row));
            }
        }
    }

    private List<Map<String, String>> rows(List<LocalParquetFile> files) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (LocalParquetFile file : files) {
            rows.addAll(rows(file.path()));
        }
        return rows;
    }

    private List<Map<String, String>> rows(Path file) throws Exception {
        return EngineTesting.rows(duckdb, "SELECT * EXCLUDE (file_row_number) FROM read_parquet('" + file
                + "', file_row_number = true) ORDER BY file_row_number");
    }

    /** Per row group and column: minimum, maximum, null count, as the footer has them. */
    private List<Map<String, String>> statistics(Path file) throws Exception {
        return EngineTesting.rows(duckdb, "SELECT row_group_id, path_in_schema AS column_name, stats_min_value AS min, "
                + "stats_max_value AS max, stats_null_count::VARCHAR AS nulls FROM parquet_metadata('" + file
                + "') WHERE path_in_schema IN ('" + String.join("', '", FLAT_COLUMNS) + "') ORDER BY row_group_id, "
                + "column_id");
    }

    /** The same, computed by DuckDB over each row group's rows. */
    private List<Map<String, String>> computedStatistics(Path file) throws Exception {
        List<String> perColumn = new ArrayList<>();
        for (String column : FLAT_COLUMNS) {
            perColumn.add("SELECT row_group_id, '" + column + "' AS column_name, min(" + column + ")::VARCHAR AS min, max("
                    + column + ")::VARCHAR AS max, count(*) FILTER (WHERE " + column + " IS NULL)::VARCHAR AS nulls, "
                    + FLAT_COLUMNS.indexOf(column) + " AS column_order FROM grouped GROUP BY row_group_id");
        }
        return EngineTesting.rows(duckdb, "WITH grouped AS (SELECT *, CASE WHEN file_row_number < 130000 THEN 0 "
                + "WHEN file_row_number < 260000 THEN 1 ELSE 2 END AS row_group_id FROM read_parquet('" + file
                + "', file_row_number = true)) SELECT row_group_id, column_name, min, max, nulls FROM ("
                + String.join(" UNION ALL ", perColumn) + ") ORDER BY row_group_id, column_order");
    }

    private static List<Record> icebergRows(Path file) throws Exception {
        List<Record> read = new ArrayList<>();
        try (CloseableIterable<Record> records = Parquet.read(org.apache.iceberg.Files.localInput(file.toFile()))
                .project(SCHEMA).createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(SCHEMA, fileSchema))
                .build()) {
            records.forEach(read::add);
        }
        return read;
    }
}
