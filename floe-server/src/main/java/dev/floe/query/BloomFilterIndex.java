package dev.floe.query;

import dev.floe.engine.ParquetBloomFilters;
import dev.floe.engine.ParquetFooter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.And;
import org.apache.iceberg.expressions.Binder;
import org.apache.iceberg.expressions.BoundPredicate;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.UnboundPredicate;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.format.BloomFilterHeader;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

/**
 * The Parquet bloom filters of data files' columns, read once per file and column (data files are
 * never rewritten) and kept in memory up to {@value #MAX_BYTES} bytes, least recently used first.
 * Planning skips a file when, for a column the WHERE clause requires to equal one of some constants
 * ({@code id = 'x'}, {@code id IN (…)} under AND), every row group's filter rules out every one of
 * them: min/max statistics cannot do that for random ids, which spread over every file's range. So a
 * point lookup hands DuckDB the file or two that may hold its value, not every file of the table.
 */
final class BloomFilterIndex {
    static final long MAX_BYTES = 256L << 20;

    /** A file's filters for one column, one per row group; none when any row group has none. */
    private record Filters(Type type, List<BlockSplitBloomFilter> rowGroups, long bytes) {
        static final Filters NONE = new Filters(null, List.of(), 0);
    }

    private record Key(Path file, int fieldId) {}

    /** A column without filters weighs a little too, so that such entries are bounded as well. */
    private final WeighedCache<Key, Filters> filters = new WeighedCache<>(MAX_BYTES, read -> read.bytes() + 64);

    /**
     * Per field id, the values a filter's top-level AND requires the column to equal one of, as the
     * column's type holds them.
     */
    static Map<Integer, List<Object>> equalities(Expression filter, Schema schema) {
        Map<Integer, List<Object>> equalities = new LinkedHashMap<>();
        addEqualities(filter, schema, equalities);
        return equalities;
    }

    private static void addEqualities(Expression filter, Schema schema, Map<Integer, List<Object>> equalities) {
        if (filter instanceof And and) {
            addEqualities(and.left(), schema, equalities);
            addEqualities(and.right(), schema, equalities);
            return;
        }
        if (!(filter instanceof UnboundPredicate<?> predicate)
                || predicate.op() != Expression.Operation.EQ && predicate.op() != Expression.Operation.IN) {
            return;
        }
        if (Binder.bind(schema.asStruct(), predicate, false) instanceof BoundPredicate<?> bound) {
            List<Object> values = new ArrayList<>();
            if (bound.isLiteralPredicate()) {
                values.add(bound.asLiteralPredicate().literal().value());
            } else if (bound.isSetPredicate()) {
                values.addAll(bound.asSetPredicate().literalSet());
            } else {
                return;
            }
            equalities.merge(bound.ref().fieldId(), values, (first, second) -> {
                first.retainAll(second);
                return first;
            });
        }
    }

    /**
     * Whether the file may hold a row whose columns equal one of their values each; false only when,
     * for some column, every row group's bloom filter rules out all its values.
     */
    boolean mayContain(Path file, Map<Integer, List<Object>> equalities) {
        for (Map.Entry<Integer, List<Object>> column : equalities.entrySet()) {
            Filters columnFilters = filters(file, column.getKey());
            if (columnFilters != Filters.NONE && excludesAll(columnFilters, column.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean excludesAll(Filters columnFilters, List<Object> values) {
        for (Object value : values) {
            Long hash = ParquetBloomFilters.hash(value, columnFilters.type());
            if (hash == null) {
                return false;
            }
            for (BlockSplitBloomFilter rowGroup : columnFilters.rowGroups()) {
                if (rowGroup.findHash(hash)) {
                    return false;
                }
            }
        }
        return true;
    }

    private Filters filters(Path file, int fieldId) {
        Key key = new Key(file, fieldId);
        Filters cached = filters.get(key);
        if (cached != null) {
            return cached;
        }
        Filters read = read(file, fieldId);
        filters.put(key, read);
        return read;
    }

    /** The column's filters as written: split-block, XXH64, uncompressed, as Parquet defines them. */
    private static Filters read(Path file, int fieldId) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ParquetFooter footer = ParquetFooter.read(channel, file);
            ParquetFooter.Column column = footer.primitiveColumns().stream()
                    .filter(candidate -> candidate.element().isSetField_id() && candidate.element().getField_id() == fieldId)
                    .findFirst().orElse(null);
            if (column == null || !ParquetBloomFilters.hashable(column.element())) {
                return Filters.NONE;
            }
            List<BlockSplitBloomFilter> rowGroups = new ArrayList<>();
            long bytes = 0;
            for (RowGroup rowGroup : footer.metadata().getRow_groups()) {
                ColumnMetaData chunk = rowGroup.getColumns().get(column.chunk()).getMeta_data();
                if (!chunk.isSetBloom_filter_offset() || !chunk.isSetBloom_filter_length()) {
                    return Filters.NONE;
                }
                ByteArrayInputStream in = new ByteArrayInputStream(ParquetFooter.readFully(channel,
                        chunk.getBloom_filter_offset(), chunk.getBloom_filter_length()));
                BloomFilterHeader header = Util.readBloomFilterHeader(in);
                if (!header.getAlgorithm().isSetBLOCK() || !header.getHash().isSetXXHASH()
                        || !header.getCompression().isSetUNCOMPRESSED() || header.getNumBytes() > in.available()) {
                    return Filters.NONE;
                }
                rowGroups.add(new BlockSplitBloomFilter(in.readNBytes(header.getNumBytes())));
                bytes += header.getNumBytes();
            }
            return new Filters(column.element().getType(), List.copyOf(rowGroups), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
