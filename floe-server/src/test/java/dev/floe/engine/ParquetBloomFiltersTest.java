package dev.floe.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

class ParquetBloomFiltersTest extends EngineTestCase {
    private static final int ROWS = 250_000;
    private static final int ROW_GROUP_ROWS = 100_000;

    @Test
    void plainChunksGetFiltersHoldingEachOfTheirValues() throws Exception {
        Path file = engine.workDirectory().resolve("plain-ids.parquet");
        try (Statement statement = connection.createStatement()) {
            // unique values, which DuckDB writes plain; every seventh id null
            statement.execute("COPY (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'evt-' || i END AS event_id,"
                    + " CAST(i * 3 AS INTEGER) AS \"userId\", i * 5 AS \"actionId\" FROM range(" + ROWS + ") r(i))"
                    + " TO '" + file + "' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE " + ROW_GROUP_ROWS + ", "
                    + ParquetBloomFilters.COPY_OPTION + ")");
            try (ResultSet encodings = statement.executeQuery("SELECT DISTINCT encodings FROM parquet_metadata('"
                    + file + "')")) {
                List<String> found = new ArrayList<>();
                while (encodings.next()) {
                    found.add(encodings.getString(1));
                }
                assertThat(found).containsExactly("PLAIN");
            }
        }

        assertThat(ParquetBloomFilters.add(file)).containsExactly("event_id", "userId", "actionId");

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().build())) {
            assertThat(reader.getRowGroups()).hasSize(3);
            long first = 0;
            for (BlockMetaData rowGroup : reader.getRowGroups()) {
                long end = first + rowGroup.getRowCount();
                assertFilter(reader, rowGroup, 0, first, end, i -> i % 7 == 0 ? null : Binary.fromString("evt-" + i));
                assertFilter(reader, rowGroup, 1, first, end, i -> (int) (i * 3));
                assertFilter(reader, rowGroup, 2, first, end, i -> i * 5);
                first = end;
            }
        }
    }

    /** Every value of rows {@code first} to {@code end} is in the chunk's filter, and few others are. */
    private static void assertFilter(ParquetFileReader reader, BlockMetaData rowGroup, int column, long first, long end,
            LongFunction<Object> value) throws Exception {
        ColumnChunkMetaData chunk = rowGroup.getColumns().get(column);
        BloomFilter filter = reader.getBloomFilterDataReader(rowGroup).readBloomFilter(chunk);
        assertThat(filter).as("filter of %s", chunk.getPath()).isNotNull();
        for (long i = first; i < end; i++) {
            Object present = value.apply(i);
            if (present != null) {
                assertThat(filter.findHash(hash(filter, present))).as("%s of row %d", chunk.getPath(), i).isTrue();
            }
        }
        int falsePositives = 0;
        for (long i = ROWS + 1; i < ROWS + 10_000; i++) {
            Object absent = value.apply(i);
            if (absent != null && filter.findHash(hash(filter, absent))) {
                falsePositives++;
            }
        }
        assertThat(falsePositives).as("false positives of %s among 10,000", chunk.getPath()).isLessThan(50);
    }

    private static long hash(BloomFilter filter, Object value) {
        return switch (value) {
            case Binary binary -> filter.hash(binary);
            case Integer integer -> filter.hash(integer.intValue());
            default -> filter.hash(((Long) value).longValue());
        };
    }
}
