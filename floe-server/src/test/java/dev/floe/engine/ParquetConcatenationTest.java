package dev.floe.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.FloeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

class ParquetConcatenationTest extends EngineTestCase {

    @Test
    void theJoinedFileHoldsEveryPartsRowsInOrderWithTheirStatisticsAndBloomFilters() throws Exception {
        List<Path> parts = List.of(part("a", 0, 30_000), part("b", 30_000, 70_000), part("c", 70_000, 70_005));
        Path joined = engine.workDirectory().resolve("joined.parquet");

        try (ParquetConcatenation concatenation = ParquetConcatenation.create(joined)) {
            for (Path part : parts) {
                assertThat(concatenation.append(part)).isTrue();
            }
            assertThat(concatenation.rows()).isEqualTo(70_005);
            concatenation.finish();
        }

        assertThat(longs("SELECT i FROM read_parquet('" + joined + "')")).isEqualTo(range(0, 70_005));
        // DuckDB answers from each row group's statistics: wrong offsets would fail or mislead it
        assertThat(longs("SELECT row_group_id FROM parquet_metadata('" + joined + "') WHERE path_in_schema = 'i'"
                + " AND stats_min_value = '30000' AND stats_max_value = '40239'")).hasSize(1);
        assertThat(longs("SELECT count(*) FROM read_parquet('" + joined + "') WHERE id = 'evt-69999'")).containsExactly(1L);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(joined), ParquetReadOptions.builder().build())) {
            long first = 0;
            int rowGroups = 0;
            for (BlockMetaData rowGroup : reader.getRowGroups()) {
                BloomFilter filter = reader.getBloomFilterDataReader(rowGroup).readBloomFilter(rowGroup.getColumns().get(1));
                assertThat(filter).as("the filter of row group %d", rowGroups).isNotNull();
                for (long i = first; i < first + rowGroup.getRowCount(); i++) {
                    assertThat(filter.findHash(filter.hash(Binary.fromString("evt-" + i)))).isTrue();
                }
                first += rowGroup.getRowCount();
                rowGroups++;
            }
            assertThat(first).isEqualTo(70_005);
            assertThat(rowGroups).as("10,240-row groups of each part").isEqualTo(3 + 4 + 1);
        }
    }

    @Test
    void aFileOfAnotherSchemaIsLeftOutAndTheJoinedFileStaysWhole() throws Exception {
        Path other = engine.workDirectory().resolve("other.parquet");
        execute("COPY (SELECT 'x' AS i) TO '" + other + "' (FORMAT parquet)");
        Path joined = engine.workDirectory().resolve("without-other.parquet");

        try (ParquetConcatenation concatenation = ParquetConcatenation.create(joined)) {
            assertThat(concatenation.append(part("a", 0, 10))).isTrue();
            assertThat(concatenation.append(other)).isFalse();
            assertThat(concatenation.append(part("b", 10, 20))).isTrue();
            concatenation.finish();
        }

        assertThat(longs("SELECT i FROM read_parquet('" + joined + "')")).isEqualTo(range(0, 20));
    }

    @Test
    void aFileThatIsNotParquetIsRefused() throws Exception {
        Path text = engine.workDirectory().resolve("text.parquet");
        Files.writeString(text, "{\"i\": 1}\n");

        try (ParquetConcatenation concatenation = ParquetConcatenation.create(engine.workDirectory().resolve("nothing.parquet"))) {
            assertThatThrownBy(() -> concatenation.append(text)).isInstanceOf(FloeException.class)
                    .hasMessageContaining("is not a Parquet file");
        }
    }

    /** A part of rows {@code from} to {@code to}: a number and a unique id with its bloom filter, 10,240 rows (five of DuckDB's vectors) a row group. */
    private Path part(String name, long from, long to) throws Exception {
        Path file = engine.workDirectory().resolve("part-" + name + ".parquet");
        execute("COPY (SELECT i, 'evt-' || i AS id FROM range(" + from + ", " + to + ") r(i)) TO '" + file
                + "' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 10240, " + ParquetBloomFilters.COPY_OPTION + ")");
        assertThat(ParquetBloomFilters.add(file)).containsExactly("id");
        return file;
    }

    private void execute(String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<Long> longs(String sql) throws Exception {
        List<Long> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getLong(1));
            }
        }
        return values;
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i < to; i++) {
            values.add(i);
        }
        return values;
    }
}
