package dev.floe.engine;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.page.PageReadStore;
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
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;

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
 * values are read back from the file with parquet-java's page readers (reading them back through
 * DuckDB and a Java function made the write two to three times slower), each filter is sized for its
 * row group's distinct values at a 0.1% false-positive rate, and the filters are written where the
 * footer was, followed by the footer with their offsets. The data pages are not touched.
 */
public final class ParquetBloomFilters {
    /** Goes into a {@code COPY … (FORMAT parquet, …)} whose file this class completes. */
    public static final String COPY_OPTION = "WRITE_BLOOM_FILTER false";

    /** Over hundreds of files a lookup checks, 1% would keep several that do not hold its value. */
    private static final double FALSE_POSITIVE_RATE = 0.001;
    /** parquet-java's default cap: some 580,000 distinct values at the rate above, where DuckDB closes a row group at 122,880 rows. */
    private static final int MAX_BYTES = 1 << 20;
    private static final XxHash XXHASH = new XxHash();
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private ParquetBloomFilters() {}

    /**
     * Adds the bloom filters of {@code file}'s id-like columns to it, in place.
     *
     * @return the columns that got them, in the file's order (none when the file has no id-like column)
     * @throws FloeException {@code INTERNAL} when the file cannot be read back or is not Parquet;
     *     {@code UNAVAILABLE} when it cannot be rewritten. Either way the file may be left half
     *     written: callers write into scratch files, which they delete on failure.
     */
    public static List<String> add(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ParquetFooter parsed = ParquetFooter.read(channel, file);
            FileMetaData footer = parsed.metadata();
            long footerStart = parsed.start();
            List<IdColumn> columns = idColumns(parsed);
            if (columns.isEmpty() || footer.getRow_groups().isEmpty()) {
                return List.of();
            }
            long[][][] hashes = hashes(file, columns);
            write(channel, footerStart, footer, columns, hashes);
            return columns.stream().map(IdColumn::name).toList();
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot add bloom filters to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot read the id columns of " + file
                    + " back for their bloom filters: " + e.getMessage(), e);
        }
    }

    /** A top-level column and its index among a row group's column chunks. */
    private record IdColumn(String name, int chunk, Type type) {}

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

    /**
     * Per column and row group, the hashes of its distinct values where a dictionary holds them (its
     * entries are hashed, not its rows), else of every non-null value, read with parquet-java's column
     * readers: a string's bytes are hashed as they come, never made a Java string.
     */
    private static long[][][] hashes(Path file, List<IdColumn> columns) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().build())) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
            columns.forEach(column -> fields.add(fileSchema.getType(column.name())));
            MessageType projection = new MessageType(fileSchema.getName(), fields);
            reader.setRequestedSchema(projection);
            long[][][] hashes = new long[columns.size()][reader.getRowGroups().size()][];
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore rowGroup;
            for (int group = 0; (rowGroup = reader.readNextRowGroup()) != null; group++) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup,
                        new DummyRecordConverter(projection).getRootConverter(), projection, createdBy);
                for (int column = 0; column < columns.size(); column++) {
                    ColumnDescriptor descriptor = projection.getColumns().get(column);
                    Type type = columns.get(column).type();
                    ColumnChunkMetaData chunk = chunk(reader.getRowGroups().get(group), descriptor);
                    DictionaryPage dictionary = onlyDictionaryPages(chunk)
                            ? rowGroup.getPageReader(descriptor).readDictionaryPage() : null;
                    if (dictionary != null) {
                        hashes[column][group] = hashes(dictionary.getEncoding().initDictionary(descriptor, dictionary), type);
                    } else if (onlyPlainPages(chunk)) {
                        hashes[column][group] = plainHashes(rowGroup.getPageReader(descriptor), descriptor, type);
                    } else {
                        hashes[column][group] = hashes(store.getColumnReader(descriptor), descriptor, type);
                    }
                }
            }
            return hashes;
        }
    }

    private static ColumnChunkMetaData chunk(BlockMetaData rowGroup, ColumnDescriptor descriptor) {
        return rowGroup.getColumns().stream()
                .filter(candidate -> candidate.getPath().equals(ColumnPath.get(descriptor.getPath()))).findFirst().orElseThrow();
    }

    /** Whether every data page of the column's chunk refers to its dictionary (as parquet-java's dictionary filter tells). */
    private static boolean onlyDictionaryPages(ColumnChunkMetaData chunk) {
        if (chunk.getEncodingStats() != null) {
            return chunk.getEncodingStats().hasDictionaryPages() && !chunk.getEncodingStats().hasNonDictionaryEncodedPages();
        }
        Set<Encoding> encodings = EnumSet.copyOf(chunk.getEncodings());
        // a version 1 writer names the dictionary page's encoding and its data pages' alike
        boolean dictionary = encodings.remove(Encoding.PLAIN_DICTIONARY) | encodings.remove(Encoding.RLE_DICTIONARY);
        encodings.removeAll(EnumSet.of(Encoding.RLE, Encoding.BIT_PACKED));
        return dictionary && encodings.isEmpty();
    }

    /**
     * Whether the column's chunk holds plain values only, its levels (if any) run-length encoded, as
     * DuckDB writes a chunk of unique ids.
     */
    private static boolean onlyPlainPages(ColumnChunkMetaData chunk) {
        Set<Encoding> encodings = EnumSet.copyOf(chunk.getEncodings());
        encodings.remove(Encoding.RLE);
        return encodings.equals(EnumSet.of(Encoding.PLAIN));
    }

    /**
     * The hashes of the non-null values of a chunk of plain pages, hashed where they lie in each
     * page: a plain value is the very bytes its hash is of (a string after its 4-byte length).
     */
    private static long[] plainHashes(PageReader pages, ColumnDescriptor descriptor, Type type) {
        long[] hashes = new long[Math.toIntExact(pages.getTotalValueCount())];
        int count = 0;
        for (DataPage page; (page = pages.readPage()) != null; ) {
            byte[] bytes = plainValues(page, descriptor);
            int at = page instanceof DataPageV1 && descriptor.getMaxDefinitionLevel() > 0
                    // a version 1 page's definition levels come first, after their length
                    ? 4 + (int) INTS.get(bytes, 0) : 0;
            while (at < bytes.length) {
                int length = switch (type) {
                    case INT32 -> 4;
                    case INT64 -> 8;
                    default -> {
                        at += 4;
                        yield (int) INTS.get(bytes, at - 4);
                    }
                };
                hashes[count++] = XXHASH.hashByteBuffer(ByteBuffer.wrap(bytes, at, length));
                at += length;
            }
        }
        return Arrays.copyOf(hashes, count);
    }

    /** The page's values (a version 1 page's after its levels), uncompressed; a top-level column has no repetition levels. */
    private static byte[] plainValues(DataPage page, ColumnDescriptor descriptor) {
        try {
            return page instanceof DataPageV2 v2 ? v2.getData().toByteArray() : ((DataPageV1) page).getBytes().toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a page of column " + descriptor, e);
        }
    }

    private static long[] hashes(Dictionary dictionary, Type type) {
        long[] hashes = new long[dictionary.getMaxId() + 1];
        for (int id = 0; id < hashes.length; id++) {
            hashes[id] = switch (type) {
                case BYTE_ARRAY -> XXHASH.hashByteBuffer(dictionary.decodeToBinary(id).toByteBuffer());
                case INT32 -> hash(dictionary.decodeToInt(id), type);
                default -> hash(dictionary.decodeToLong(id), type);
            };
        }
        return hashes;
    }

    private static long[] hashes(ColumnReader values, ColumnDescriptor descriptor, Type type) {
        long[] hashes = new long[Math.toIntExact(values.getTotalValueCount())];
        int count = 0;
        for (long i = 0; i < values.getTotalValueCount(); i++) {
            if (values.getCurrentDefinitionLevel() == descriptor.getMaxDefinitionLevel()) {
                hashes[count++] = switch (type) {
                    case BYTE_ARRAY -> XXHASH.hashByteBuffer(values.getBinary().toByteBuffer());
                    case INT32 -> hash(values.getInteger(), type);
                    default -> hash(values.getLong(), type);
                };
            }
            values.consume();
        }
        return Arrays.copyOf(hashes, count);
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

    /**
     * A filter sized for the values it holds at the false-positive rate. Values not from a dictionary
     * are counted as distinct: a writer keeps a chunk of few distinct values in a dictionary.
     */
    private static BlockSplitBloomFilter filter(long[] hashes) {
        int bytes = Math.max(BlockSplitBloomFilter.LOWER_BOUND_BYTES,
                BlockSplitBloomFilter.optimalNumOfBits(hashes.length, FALSE_POSITIVE_RATE) / 8);
        BlockSplitBloomFilter filter = new BlockSplitBloomFilter(bytes, MAX_BYTES);
        for (long hash : hashes) {
            filter.insertHash(hash);
        }
        return filter;
    }
}
