package dev.floe.catalog.maintenance;

import dev.floe.engine.ParquetFileOutput;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;

/**
 * Merges Parquet files of one schema into one file by copying their column chunks byte for byte:
 * nothing is decoded or compressed again, and the bytes go from file to file inside the kernel
 * ({@link FileChannel#transferTo}), so it runs at the speed of the disk. The new footer is the
 * inputs' row groups with their offsets moved to where their chunks now are. What lies outside the
 * row groups stays behind, as parquet-mr's own row-group append leaves it: page indexes and bloom
 * filters (their offsets are dropped, and readers do without them) and key-value metadata.
 *
 * <p>The row groups stay as they were, so compaction uses it only where that costs little: when the
 * inputs' row groups hold on average at least half as many rows as DuckDB puts in one (122,880), as
 * the files a floe sink writes do once a roll holds that many, so that the merged file reads about as
 * well as a rewritten one. Small files with small row groups are rewritten by DuckDB.
 */
final class RowGroupCopy {
    /** Half of DuckDB's row group: 122,880 rows. */
    static final long MIN_AVERAGE_ROW_GROUP_ROWS = 61_440;

    private RowGroupCopy() {
    }

    /**
     * Whether the files can be merged this way: {@link #sameLayout} and row groups of at least
     * {@code minAverageRowGroupRows} rows on average.
     */
    static boolean suits(List<LocalParquetFile> files, long minAverageRowGroupRows) {
        long rows = 0;
        int rowGroups = 0;
        for (LocalParquetFile file : files) {
            rows += file.raw().getNum_rows();
            rowGroups += file.raw().getRow_groupsSize();
        }
        return sameLayout(files) && rowGroups > 0 && rows / rowGroups >= minAverageRowGroupRows;
    }

    /**
     * Whether the files' column chunks can go into one file as they are: one Parquet schema (field ids
     * included) and one writer in all (readers judge a file's statistics by its writer), and every
     * column chunk in the file itself and unencrypted.
     */
    static boolean sameLayout(List<LocalParquetFile> files) {
        LocalParquetFile first = files.getFirst();
        for (LocalParquetFile file : files) {
            if (!first.schema().equals(file.schema())
                    || !Objects.equals(first.raw().getCreated_by(), file.raw().getCreated_by())
                    || !chunksInPlace(file.raw())) {
                return false;
            }
        }
        return true;
    }

    private static boolean chunksInPlace(FileMetaData footer) {
        if (footer.isSetEncryption_algorithm()) {
            return false;
        }
        for (RowGroup rowGroup : footer.getRow_groups()) {
            for (ColumnChunk chunk : rowGroup.getColumns()) {
                if (chunk.isSetFile_path() || chunk.isSetCrypto_metadata() || !chunk.isSetMeta_data()) {
                    return false;
                }
                ColumnMetaData column = chunk.getMeta_data();
                // Some writers put 0 here for "no dictionary"; where a chunk starts is then unsure.
                if (column.isSetDictionary_page_offset() && (column.getDictionary_page_offset() <= 0
                        || column.getDictionary_page_offset() > column.getData_page_offset())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Writes {@code output} with every row group of {@code inputs}, in order. */
    static void merge(List<LocalParquetFile> inputs, Path output) throws IOException {
        FileMetaData merged = inputs.getFirst().raw().deepCopy();
        merged.setRow_groups(new ArrayList<>());
        merged.setNum_rows(0);
        merged.unsetKey_value_metadata();
        try (ParquetFileOutput out = ParquetFileOutput.create(output)) {
            for (LocalParquetFile input : inputs) {
                try (FileChannel in = FileChannel.open(input.path(), StandardOpenOption.READ)) {
                    for (RowGroup rowGroup : input.raw().getRow_groups()) {
                        merged.addToRow_groups(copy(rowGroup, in, out, (short) merged.getRow_groupsSize()));
                        merged.setNum_rows(merged.getNum_rows() + rowGroup.getNum_rows());
                    }
                }
            }
            out.finish(merged);
        }
    }

    /** Appends a row group's chunks to {@code out}; answers its footer entry with the offsets they now have. */
    private static RowGroup copy(RowGroup rowGroup, FileChannel in, ParquetFileOutput out, short ordinal) throws IOException {
        RowGroup copied = rowGroup.deepCopy();
        copied.setOrdinal(ordinal);
        copied.setFile_offset(out.position());
        for (ColumnChunk chunk : copied.getColumns()) {
            ColumnMetaData column = chunk.getMeta_data();
            long start = chunkStart(column);
            long shift = out.position() - start;
            out.transfer(in, start, column.getTotal_compressed_size());
            ParquetFileOutput.movePages(chunk, shift);
            column.unsetBloom_filter_offset();
            column.unsetBloom_filter_length();
            chunk.unsetColumn_index_offset();
            chunk.unsetColumn_index_length();
            chunk.unsetOffset_index_offset();
            chunk.unsetOffset_index_length();
        }
        return copied;
    }

    /** Where a column chunk begins: its dictionary page, or its first data page when it has none. */
    static long chunkStart(ColumnMetaData column) {
        return column.isSetDictionary_page_offset() ? column.getDictionary_page_offset() : column.getData_page_offset();
    }
}
