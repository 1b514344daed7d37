package dev.floe.engine;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.column.values.bloomfilter.XxHash;
import org.apache.parquet.format.BloomFilterAlgorithm;
import org.apache.parquet.format.BloomFilterCompression;
import org.apache.parquet.format.BloomFilterHash;
import org.apache.parquet.format.BloomFilterHeader;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.SplitBlockAlgorithm;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Uncompressed;
import org.apache.parquet.format.Util;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;

/**
 * Adds Parquet bloom filters, one per row group, to the {@link IdColumns id-like} string and integer
 * columns of a Parquet file DuckDB wrote, so that a point lookup skips the row groups that cannot hold
 * its value even where the value lies between their min and max (random ids always do). DuckDB's
 * reader probes them on its own.
 *
 * <p>DuckDB writes a bloom filter only for a column chunk it dictionary-encodes, and its limits for
 * that ({@code DICTIONARY_SIZE_LIMIT}, {@code STRING_DICTIONARY_PAGE_SIZE_LIMIT}) hold for every
 * column at once: raising them far enough for unique ids dictionary-encodes every other
 * high-cardinality column too (timestamps, amounts, JSON), with a filter each, which measured three
 * to four times slower for such a column. Writers therefore turn DuckDB's own filters off
 * ({@link #COPY_OPTION}) and have this class add them afterwards, for id-like columns only: their
 * values are read back from the file (strings hashed in Java by a function registered in DuckDB, so
 * that only 64-bit hashes cross into Java), each filter is sized for its row group's distinct values
 * at a 1% false-positive rate, and the filters are written where the footer was, followed by the
 * footer with their offsets. The data pages are not touched.
 */
public final class ParquetBloomFilters {
    /** Goes into a {@code COPY … (FORMAT parquet, …)} whose file this class completes. */
    public static final String COPY_OPTION = "WRITE_BLOOM_FILTER false";

    static final String HASH_FUNCTION = "floe_parquet_xxhash64";
    private static final double FALSE_POSITIVE_RATE = 0.01;
    /** parquet-java's default cap; enough for a million distinct values at the rate above. */
    private static final int MAX_BYTES = 1 << 20;
    private static final XxHash XXHASH = new XxHash();

    private ParquetBloomFilters() {}

    /**
     * Registers the function that hashes a string as Parquet's bloom filters do (XXH64, seed 0, of its
     * UTF-8 bytes); its database keeps it for every connection.
     */
    static void install(Connection connection) throws SQLException {
        try (var builder = DuckDBFunctions.scalarFunction()) {
            builder.withName(HASH_FUNCTION)
                    .withParameters(DuckDBColumnType.VARCHAR)
                    .withReturnType(DuckDBColumnType.BIGINT)
                    .withVectorizedFunction((input, output) -> {
                        DuckDBReadableVector strings = input.vector(0);
                        for (long row = 0; row < input.rowCount(); row++) {
                            if (strings.isNull(row)) {
                                output.setNull(row);
                            } else {
                                output.setLong(row, ParquetBloomFilters.hash(strings.getString(row), Type.BYTE_ARRAY));
                            }
                        }
                    })
                    .register(connection);
        }
    }

    /**
     * Adds the bloom filters of {@code file}'s id-like columns to it, in place.
     *
     * @param connection a connection of a {@link DuckDbEngine}, which may read {@code file}
     * @return the columns that got them, in the file's order (none when the file has no id-like column)
     * @throws FloeException {@code INTERNAL} when the file cannot be read back or is not Parquet;
     *     {@code UNAVAILABLE} when it cannot be rewritten. Either way the file may be left half
     *     written: callers write into scratch files, which they delete on failure.
     */
    public static List<String> add(Connection connection, Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ParquetFooter parsed = ParquetFooter.read(channel, file);
            FileMetaData footer = parsed.metadata();
            long footerStart = parsed.start();
            List<IdColumn> columns = idColumns(parsed);
            if (columns.isEmpty() || footer.getRow_groups().isEmpty()) {
                return List.of();
            }
            long[] rowGroupStarts = rowGroupStarts(footer);
            long[][][] hashes = hashes(connection, file, columns, footer, rowGroupStarts);
            write(channel, footerStart, footer, columns, hashes);
            return columns.stream().map(IdColumn::name).toList();
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot add bloom filters to " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot read the id columns of " + file
                    + " back for their bloom filters: " + e.getMessage(), e);
        }
    }

    /** A top-level column and its index among a row group's column chunks. */
    private record IdColumn(String name, int chunk, Type type) {
        /** The hash of a value read back: a string's comes hashed from DuckDB, an integer's is hashed here. */
        long hash(long value) {
            return type == Type.BYTE_ARRAY ? value : ParquetBloomFilters.hash(value, type);
        }
    }

    /**
     * Whether {@link #hash} hashes the values of this column as it stores them: strings, and integers
     * without a logical type other than INTEGER (not dates, times, timestamps or decimals, whose
     * stored numbers are not the values a query compares).
     */
    public static boolean hashable(SchemaElement column) {
        boolean string = column.getType() == Type.BYTE_ARRAY && (column.getConverted_type() == ConvertedType.UTF8
                || column.isSetLogicalType() && column.getLogicalType().isSetSTRING());
        boolean integer = (column.getType() == Type.INT32 || column.getType() == Type.INT64)
                && (!column.isSetLogicalType() || column.getLogicalType().isSetINTEGER())
                && (!column.isSetConverted_type() || column.getConverted_type() == ConvertedType.INT_32
                        || column.getConverted_type() == ConvertedType.INT_64);
        return string || integer;
    }

    /**
     * Parquet's bloom filter hash of a value as a column of {@code type} stores it: XXH64 (seed 0) of
     * its plain encoding (a string's UTF-8 bytes, an integer's little-endian bytes); null for a value
     * such a column cannot hold, or a type this class writes no filters for.
     */
    public static Long hash(Object value, Type type) {
        return switch (type) {
            case BYTE_ARRAY -> value instanceof CharSequence text
                    ? XXHASH.hashBytes(text.toString().getBytes(StandardCharsets.UTF_8)) : null;
            case INT32 -> value instanceof Number number && number.longValue() == number.intValue()
                    ? XXHASH.hashBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(number.intValue()).array())
                    : null;
            case INT64 -> value instanceof Number number
                    ? XXHASH.hashBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(number.longValue()).array())
                    : null;
            default -> null;
        };
    }

    /** The id-like top-level columns whose values {@link #hash} hashes. */
    private static List<IdColumn> idColumns(ParquetFooter footer) {
        List<IdColumn> columns = new ArrayList<>();
        for (ParquetFooter.Column candidate : footer.primitiveColumns()) {
            SchemaElement column = candidate.element();
            if (hashable(column) && IdColumns.isIdLike(column.getName())) {
                columns.add(new IdColumn(column.getName(), candidate.chunk(), column.getType()));
            }
        }
        return columns;
    }

    private static long[] rowGroupStarts(FileMetaData footer) {
        long[] starts = new long[footer.getRow_groups().size()];
        long rows = 0;
        for (int group = 0; group < starts.length; group++) {
            starts[group] = rows;
            rows += footer.getRow_groups().get(group).getNum_rows();
        }
        return starts;
    }

    /**
     * Per column and row group, the hashes of its non-null values. Rows may come in any order: each
     * row's group is found by its position in the file.
     */
    private static long[][][] hashes(Connection connection, Path file, List<IdColumn> columns, FileMetaData footer,
            long[] rowGroupStarts) throws SQLException {
        int groups = rowGroupStarts.length;
        long[][][] hashes = new long[columns.size()][groups][];
        int[][] counts = new int[columns.size()][groups];
        for (int column = 0; column < columns.size(); column++) {
            for (int group = 0; group < groups; group++) {
                hashes[column][group] = new long[Math.toIntExact(footer.getRow_groups().get(group).getNum_rows())];
            }
        }
        StringJoiner select = new StringJoiner(", ", "SELECT file_row_number, ", "");
        for (IdColumn column : columns) {
            select.add(column.type() == Type.BYTE_ARRAY ? HASH_FUNCTION + "(" + SqlLiterals.identifier(column.name()) + ")"
                    : SqlLiterals.identifier(column.name()));
        }
        String sql = select + " FROM read_parquet(" + SqlLiterals.string(file.toString()) + ", file_row_number = true)";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                int found = Arrays.binarySearch(rowGroupStarts, rows.getLong(1));
                int group = found >= 0 ? found : -found - 2;
                for (int column = 0; column < columns.size(); column++) {
                    long value = rows.getLong(column + 2);
                    if (rows.wasNull()) {
                        continue;
                    }
                    hashes[column][group][counts[column][group]++] = columns.get(column).hash(value);
                }
            }
        }
        for (int column = 0; column < columns.size(); column++) {
            for (int group = 0; group < groups; group++) {
                hashes[column][group] = Arrays.copyOf(hashes[column][group], counts[column][group]);
            }
        }
        return hashes;
    }

    /** Writes the filters over the old footer, then the footer that points at them, its length and the magic. */
    private static void write(FileChannel channel, long footerStart, FileMetaData footer, List<IdColumn> columns,
            long[][][] hashes) throws IOException {
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        for (int group = 0; group < footer.getRow_groups().size(); group++) {
            RowGroup rowGroup = footer.getRow_groups().get(group);
            for (int column = 0; column < columns.size(); column++) {
                BlockSplitBloomFilter filter = filter(hashes[column][group]);
                ColumnMetaData chunk = rowGroup.getColumns().get(columns.get(column).chunk()).getMeta_data();
                int start = tail.size();
                Util.writeBloomFilterHeader(new BloomFilterHeader(filter.getBitsetSize(),
                        BloomFilterAlgorithm.BLOCK(new SplitBlockAlgorithm()),
                        BloomFilterHash.XXHASH(new org.apache.parquet.format.XxHash()),
                        BloomFilterCompression.UNCOMPRESSED(new Uncompressed())), tail);
                filter.writeTo(tail);
                chunk.setBloom_filter_offset(footerStart + start);
                chunk.setBloom_filter_length(tail.size() - start);
            }
        }
        int footerOffset = tail.size();
        Util.writeFileMetaData(footer, tail);
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(tail.size() - footerOffset);
        tail.write(length.array());
        tail.write(ParquetFooter.MAGIC);
        ByteBuffer bytes = ByteBuffer.wrap(tail.toByteArray());
        long position = footerStart;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        channel.truncate(position);
    }

    /** A filter sized for the distinct hashes it holds, at the false-positive rate. */
    private static BlockSplitBloomFilter filter(long[] hashes) {
        long[] distinct = hashes.clone();
        Arrays.sort(distinct);
        int count = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (i == 0 || distinct[i] != distinct[i - 1]) {
                distinct[count++] = distinct[i];
            }
        }
        int bytes = Math.max(BlockSplitBloomFilter.LOWER_BOUND_BYTES,
                BlockSplitBloomFilter.optimalNumOfBits(count, FALSE_POSITIVE_RATE) / 8);
        BlockSplitBloomFilter filter = new BlockSplitBloomFilter(bytes, MAX_BYTES);
        for (int i = 0; i < count; i++) {
            filter.insertHash(distinct[i]);
        }
        return filter;
    }
}
