package dev.floe.catalog.maintenance;

import dev.floe.engine.ParquetFileOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;

/**
 * Merges Parquet files of one schema whose row groups are small into one file of large row groups,
 * page by page: consecutive row groups of the inputs, in order, become one row group of at least
 * {@value #ROW_GROUP_ROWS} rows (or {@value #ROW_GROUP_BYTES} bytes of data, for wide rows), each
 * column's chunks one chunk ({@link ColumnChunkMerge}). Pages not dictionary-encoded are copied as
 * they are; only dictionaries and dictionary indexes, a small part of such files, are decoded and
 * encoded again. So it runs far faster than a rewrite, which decodes and encodes every value.
 *
 * <p>{@value #ROW_GROUP_ROWS} rows is what DuckDB puts in a row group, so a merged file reads as a
 * rewritten one does; larger row groups would give DuckDB's scans fewer parts to share among threads
 * and statistics that prune less, and make larger merged dictionaries.
 *
 * <p>The footer is the first input's, with the merged row groups: statistics merged from the chunks'
 * (null counts summed, bounds widened); page indexes and bloom filters stay behind (readers do
 * without them), as they do in a {@link RowGroupCopy}.
 */
final class PageMerge {
    static final long ROW_GROUP_ROWS = 122_880;
    static final long ROW_GROUP_BYTES = 128L << 20;

    private PageMerge() {
    }

    /**
     * Whether the files may be merged this way, as far as their footers tell: {@link RowGroupCopy#sameLayout}
     * and every chunk compressed with a codec {@link PageCompression} has. What only pages tell (a
     * column compressed two ways, or with too many distinct values for one dictionary) makes
     * {@link #merge} give up.
     */
    static boolean suits(List<LocalParquetFile> files) {
        if (!RowGroupCopy.sameLayout(files)) {
            return false;
        }
        for (LocalParquetFile file : files) {
            for (RowGroup rowGroup : file.raw().getRow_groups()) {
                for (ColumnChunk chunk : rowGroup.getColumns()) {
                    if (!PageCompression.supports(chunk.getMeta_data().getCodec())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Writes {@code output} with every row of {@code inputs}, in order; when the pages cannot be merged,
     * throws {@link PagesNotMergeable}, leaving a partial {@code output} to delete.
     */
    static void merge(List<LocalParquetFile> inputs, Path output) throws IOException, PagesNotMergeable {
        FileMetaData merged = inputs.getFirst().raw().deepCopy();
        merged.setRow_groups(new ArrayList<>());
        merged.setNum_rows(0);
        for (LocalParquetFile input : inputs) {
            if (!Objects.equals(merged.getKey_value_metadata(), input.raw().getKey_value_metadata())) {
                merged.unsetKey_value_metadata();
            }
        }
        List<ColumnDescriptor> columns = inputs.getFirst().schema().getColumns();
        List<InputRowGroup> pending = new ArrayList<>();
        try (ParquetFileOutput out = ParquetFileOutput.create(output)) {
            long rows = 0;
            long bytes = 0;
            for (LocalParquetFile input : inputs) {
                for (int index = 0; index < input.raw().getRow_groupsSize(); index++) {
                    RowGroup rowGroup = input.raw().getRow_groups().get(index);
                    pending.add(InputRowGroup.open(input, index));
                    rows += rowGroup.getNum_rows();
                    bytes += rowGroup.getTotal_byte_size();
                    if (rows >= ROW_GROUP_ROWS || bytes >= ROW_GROUP_BYTES) {
                        merged.addToRow_groups(rowGroup(pending, columns, out, merged.getRow_groupsSize()));
                        close(pending);
                        rows = 0;
                        bytes = 0;
                    }
                }
            }
            if (!pending.isEmpty()) {
                merged.addToRow_groups(rowGroup(pending, columns, out, merged.getRow_groupsSize()));
            }
            merged.setNum_rows(merged.getRow_groups().stream().mapToLong(RowGroup::getNum_rows).sum());
            out.finish(merged);
        } finally {
            close(pending);
        }
    }

    /** Closes the row groups' files and forgets them. */
    private static void close(List<InputRowGroup> rowGroups) throws IOException {
        for (InputRowGroup rowGroup : rowGroups) {
            rowGroup.close();
        }
        rowGroups.clear();
    }

    private static RowGroup rowGroup(List<InputRowGroup> inputs, List<ColumnDescriptor> columns,
                                     ParquetFileOutput out, int ordinal) throws IOException, PagesNotMergeable {
        long start = out.position();
        List<ColumnChunk> chunks = new ArrayList<>();
        for (int column = 0; column < columns.size(); column++) {
            chunks.add(ColumnChunkMerge.merge(column, columns.get(column), inputs, out));
        }
        RowGroup rowGroup = new RowGroup(chunks,
                chunks.stream().mapToLong(chunk -> chunk.getMeta_data().getTotal_uncompressed_size()).sum(),
                inputs.stream().mapToLong(input -> input.rowGroup().getNum_rows()).sum());
        rowGroup.setFile_offset(start);
        rowGroup.setTotal_compressed_size(out.position() - start);
        rowGroup.setOrdinal((short) ordinal);
        return rowGroup;
    }
}
