package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.testing.SinkOutput;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.assertj.core.data.Offset;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as a sink writes them (DuckDB, with field ids, dictionary-encoded and plain columns, nulls,
 * bloom filters) merged by copying their column chunks: the merged file holds every row group of its
 * inputs, and both DuckDB and Iceberg's Parquet reader (parquet-mr's page readers) read every row of
 * it back as it was.
 */
class RowGroupCopyTest {
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "kind", Types.StringType.get()),
            Types.NestedField.optional(3, "note", Types.StringType.get()),
            Types.NestedField.optional(4, "amount", Types.DoubleType.get()));

    @TempDir
    Path directory;

    @Test
    void mergedFilesHoldEveryRowGroupAndReadBackAsTheirInputs() throws Exception {
        List<LocalParquetFile> inputs = new ArrayList<>();
        for (int file = 0; file < 3; file++) {
            Path path = directory.resolve("in-" + file + ".parquet");
            write("COPY (SELECT " + file + " * 10000 + i AS id, ['a', 'b', NULL][i % 3 + 1] AS kind, "
                    + "CASE WHEN i % 7 = 0 THEN NULL ELSE md5(i::VARCHAR) END AS note, (i / 3.0)::DOUBLE AS amount "
                    + "FROM range(" + (2500 + file * 1000) + ") r(i)) TO '" + path + "' (FORMAT parquet, "
                    + "COMPRESSION zstd, ROW_GROUP_SIZE 2048, FIELD_IDS {id: 1, kind: 2, note: 3, amount: 4})");
            inputs.add(LocalParquetFile.read(path));
        }
        assertThat(RowGroupCopy.suits(inputs, 1)).isTrue();
        assertThat(RowGroupCopy.suits(inputs, 4096)).as("row groups smaller than asked").isFalse();
        Path merged = directory.resolve("merged.parquet");

        RowGroupCopy.merge(inputs, merged);

        LocalParquetFile result = LocalParquetFile.read(merged);
        assertThat(result.schema()).isEqualTo(inputs.getFirst().schema());
        assertThat(result.footer().getBlocks()).hasSize(inputs.stream()
                .mapToInt(input -> input.footer().getBlocks().size()).sum());
        assertThat(result.raw().getNum_rows()).isEqualTo(2500 + 3500 + 4500);
        assertThat(result.raw().getRow_groups()).as("DuckDB leaves the deprecated chunk offset at 0")
                .allSatisfy(rowGroup -> assertThat(rowGroup.getColumns())
                        .allSatisfy(chunk -> assertThat(chunk.getFile_offset()).isZero()));
        String all = inputs.stream().map(input -> "'" + input.path() + "'").reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        assertThat(SinkOutput.query("SELECT count(*) AS rows FROM (SELECT * FROM read_parquet([" + all
                + "]) EXCEPT ALL SELECT * FROM read_parquet('" + merged + "'))"))
                .as("rows of the inputs missing from the merged file").containsExactly(Map.of("rows", "0"));
        List<Record> read = new ArrayList<>();
        try (CloseableIterable<Record> records = Parquet.read(org.apache.iceberg.Files.localInput(merged.toFile()))
                .project(SCHEMA).createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(SCHEMA, fileSchema))
                .build()) {
            records.forEach(read::add);
        }
        assertThat(read).hasSize(10_500);
        assertThat(read).filteredOn(record -> record.getField("id").equals(20_007L)).singleElement()
                .satisfies(record -> {
                    assertThat(record.getField("kind")).isEqualTo("b");
                    assertThat(record.getField("note")).isNull();
                    assertThat((Double) record.getField("amount")).isCloseTo(7 / 3.0, Offset.offset(1e-9));
                });
    }

    private static void write(String copy) throws Exception {
        try (Connection duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
             Statement statement = duckdb.createStatement()) {
            statement.execute(copy);
        }
    }
}
