package dev.floe.catalog.maintenance;

import dev.floe.engine.ParquetFileOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * One column of a merged row group: the column's chunks in the input row groups become one chunk.
 *
 * <p>A data page that is not dictionary-encoded (plain, delta, byte-stream-split) holds its values
 * itself, so it is copied as it is, header and compressed body; a chunk whose metadata tells that it
 * has no other pages is copied whole without being read, file to file by the kernel.
 * Dictionary-encoded pages refer to their chunk's one dictionary: the chunks' dictionaries become one
 * ({@link MergedDictionary}), and each such page is decompressed, its indexes moved to the merged
 * dictionary ({@link DictionaryIndexes}) after its levels, kept as they are, and compressed again; a
 * page whose chunk's dictionary is the start of the merged one (as the first chunk's always is) is
 * copied too.
 */
final class ColumnChunkMerge {
    private final int column;
    private final ColumnDescriptor descriptor;
    private final CompressionCodec codec;
    private final PageCompression compression;
    private final ParquetFileOutput out;
    private long compressedSize;
    private final Map<PageType, Map<Encoding, Integer>> pageCounts = new EnumMap<>(PageType.class);
    private long uncompressedSize;
    private long dataPagesStart;
    private PageType dataPageType;

    private ColumnChunkMerge(int column, ColumnDescriptor descriptor, CompressionCodec codec,
                             PageCompression compression, ParquetFileOutput out) {
        this.column = column;
        this.descriptor = descriptor;
        this.codec = codec;
        this.compression = compression;
        this.out = out;
    }

    /** Appends the column's merged chunk to {@code out} and answers its footer entry. */
    static ColumnChunk merge(int column, ColumnDescriptor descriptor, List<InputRowGroup> inputs,
                             ParquetFileOutput out) throws IOException, PagesNotMergeable {
        ColumnChunk first = inputs.getFirst().chunk(column);
        CompressionCodec codec = first.getMeta_data().getCodec();
        try (PageCompression compression = new PageCompression(codec)) {
            ColumnChunkMerge merge = new ColumnChunkMerge(column, descriptor, codec, compression, out);
            long start = out.position();
            boolean dictionary = merge.write(inputs);
            return merge.footerEntry(first, inputs, start, dictionary);
        }
    }

    /** Writes the merged dictionary, if any chunk has one, then every data page; says whether it did. */
    private boolean write(List<InputRowGroup> inputs) throws IOException, PagesNotMergeable {
        MergedDictionary dictionary = new MergedDictionary(descriptor.getPrimitiveType());
        byte[][] chunks = new byte[inputs.size()][];
        int[][] mappings = new int[inputs.size()][];
        Encoding dictionaryEncoding = null;
        for (int i = 0; i < inputs.size(); i++) {
            ColumnMetaData metadata = inputs.get(i).chunk(column).getMeta_data();
            if (metadata.getCodec() != codec) {
                throw new PagesNotMergeable("column " + descriptor + " is compressed with more than one codec");
            }
            if (copiedWhole(metadata)) {
                continue;
            }
            chunks[i] = inputs.get(i).chunkBytes(column);
            Page page = Page.read(chunks[i], 0);
            if (page.header().getType() == PageType.DICTIONARY_PAGE) {
                DictionaryPageHeader header = page.header().getDictionary_page_header();
                dictionaryEncoding = header.getEncoding();
                mappings[i] = dictionary.add(decompress(page, chunks[i]), header.getNum_values());
            }
        }
        int width = DictionaryIndexes.bitWidth(dictionary.size());
        if (dictionaryEncoding != null) {
            PageHeader header = new PageHeader(PageType.DICTIONARY_PAGE, 0, 0);
            header.setDictionary_page_header(new DictionaryPageHeader(dictionary.size(), dictionaryEncoding));
            writeCompressed(header, new byte[0], dictionary.page());
            count(PageType.DICTIONARY_PAGE, dictionaryEncoding, 1);
        }
        dataPagesStart = compressedSize;
        for (int i = 0; i < inputs.size(); i++) {
            if (chunks[i] == null) {
                transferWhole(inputs.get(i));
            } else {
                writeDataPages(chunks[i], mappings[i], width);
            }
        }
        return dictionaryEncoding != null;
    }

    /**
     * Whether a chunk goes out as it is, its pages unread: its metadata counts its pages by type and
     * encoding, and none is a dictionary or refers to one. Most of a sink's bytes are in such chunks
     * (unique strings, numbers, timestamps), so most bytes never enter the heap.
     */
    private static boolean copiedWhole(ColumnMetaData metadata) {
        if (metadata.isSetDictionary_page_offset() || !metadata.isSetEncoding_stats()
                || metadata.getEncodings().stream().anyMatch(ColumnChunkMerge::dictionaryEncoded)) {
            return false;
        }
        return metadata.getEncoding_stats().stream().noneMatch(stats ->
                stats.getPage_type() == PageType.DICTIONARY_PAGE || dictionaryEncoded(stats.getEncoding()));
    }

    private void transferWhole(InputRowGroup input) throws IOException, PagesNotMergeable {
        ColumnMetaData metadata = input.chunk(column).getMeta_data();
        for (PageEncodingStats stats : metadata.getEncoding_stats()) {
            if (stats.getPage_type() == PageType.DATA_PAGE || stats.getPage_type() == PageType.DATA_PAGE_V2) {
                dataPageType(stats.getPage_type());
                count(stats.getPage_type(), stats.getEncoding(), stats.getCount());
            }
        }
        input.transferChunk(column, out);
        compressedSize += metadata.getTotal_compressed_size();
        uncompressedSize += metadata.getTotal_uncompressed_size();
    }

    private void dataPageType(PageType type) throws PagesNotMergeable {
        if (dataPageType != null && dataPageType != type) {
            throw new PagesNotMergeable("column " + descriptor + " has data pages of both versions");
        }
        dataPageType = type;
    }

    private void writeDataPages(byte[] bytes, int[] mapping, int width) throws IOException, PagesNotMergeable {
        boolean sameIndexes = identity(mapping);
        // Pages copied as they are go out together, from the first not yet written to the last.
        int unwritten = 0;
        for (int offset = 0; offset < bytes.length; ) {
            Page page = Page.read(bytes, offset);
            PageType type = page.header().getType();
            if (type == PageType.DATA_PAGE || type == PageType.DATA_PAGE_V2) {
                dataPageType(type);
                Encoding encoding = page.encoding();
                if (!dictionaryEncoded(encoding) || sameIndexes) {
                    uncompressedSize += page.headerLength() + page.header().getUncompressed_page_size();
                } else if (mapping == null) {
                    throw new PagesNotMergeable("column " + descriptor + " has dictionary-encoded pages without a "
                            + "dictionary");
                } else {
                    write(bytes, unwritten, offset);
                    unwritten = offset + page.length();
                    if (type == PageType.DATA_PAGE) {
                        remapV1(page, bytes, mapping, width);
                    } else {
                        remapV2(page, bytes, mapping, width);
                    }
                }
                count(type, encoding, 1);
            } else if (type == PageType.DICTIONARY_PAGE && offset == 0) {
                unwritten = offset + page.length();
            } else if (type == PageType.DICTIONARY_PAGE) {
                throw new PagesNotMergeable("a chunk of column " + descriptor + " has a second dictionary");
            } else {
                write(bytes, unwritten, offset);
                unwritten = offset + page.length();
            }
            offset += page.length();
        }
        write(bytes, unwritten, bytes.length);
    }

    private void write(byte[] bytes, int from, int to) throws IOException {
        out.write(ByteBuffer.wrap(bytes, from, to - from));
        compressedSize += to - from;
    }

    private static boolean dictionaryEncoded(Encoding encoding) {
        return encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY;
    }

    private static boolean identity(int[] mapping) {
        if (mapping == null) {
            return false;
        }
        for (int i = 0; i < mapping.length; i++) {
            if (mapping[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** A v1 page: levels and values compressed together, the levels first, each with its length. */
    private void remapV1(Page page, byte[] bytes, int[] mapping, int width) throws IOException, PagesNotMergeable {
        byte[] body = decompress(page, bytes);
        int values = 0;
        if (descriptor.getMaxRepetitionLevel() > 0) {
            values = skipLevels(body, values, page.header().getData_page_header().getRepetition_level_encoding());
        }
        if (descriptor.getMaxDefinitionLevel() > 0) {
            values = skipLevels(body, values, page.header().getData_page_header().getDefinition_level_encoding());
        }
        byte[] levels = Arrays.copyOf(body, values);
        writeCompressed(page.header().deepCopy(), levels, DictionaryIndexes.remap(body, values, mapping, width));
    }

    private byte[] decompress(Page page, byte[] bytes) throws IOException {
        return compression.decompress(bytes, page.bodyOffset(), page.header().getCompressed_page_size(),
                page.header().getUncompressed_page_size());
    }

    private int skipLevels(byte[] body, int offset, Encoding encoding) throws PagesNotMergeable {
        if (encoding != Encoding.RLE || body.length - offset < 4) {
            throw new PagesNotMergeable("a page of column " + descriptor + " has levels encoded " + encoding);
        }
        int length = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
        if (length < 0 || length > body.length - offset - 4) {
            throw new PagesNotMergeable("a page of column " + descriptor + " has levels past its end");
        }
        return offset + 4 + length;
    }

    /** A v2 page: levels uncompressed, then the values, compressed unless the page says not. */
    private void remapV2(Page page, byte[] bytes, int[] mapping, int width) throws IOException {
        PageHeader header = page.header().deepCopy();
        DataPageHeaderV2 v2 = header.getData_page_header_v2();
        int levelsLength = v2.getRepetition_levels_byte_length() + v2.getDefinition_levels_byte_length();
        int levelsStart = page.bodyOffset();
        byte[] levels = Arrays.copyOfRange(bytes, levelsStart, levelsStart + levelsLength);
        boolean compressed = !v2.isSetIs_compressed() || v2.isIs_compressed();
        int valuesStart = levelsStart + levelsLength;
        int valuesLength = header.getCompressed_page_size() - levelsLength;
        byte[] values = compressed ? compression.decompress(bytes, valuesStart, valuesLength,
                header.getUncompressed_page_size() - levelsLength)
                : Arrays.copyOfRange(bytes, valuesStart, valuesStart + valuesLength);
        byte[] remapped = DictionaryIndexes.remap(values, 0, mapping, width);
        byte[] stored = compressed ? compression.compress(remapped) : remapped;
        writePage(header, levels.length + remapped.length, levels, stored);
    }

    /** Writes a page of {@code levels} as they are and {@code values}, compressed together with the codec. */
    private void writeCompressed(PageHeader header, byte[] levels, byte[] values) throws IOException {
        byte[] body = new byte[levels.length + values.length];
        System.arraycopy(levels, 0, body, 0, levels.length);
        System.arraycopy(values, 0, body, levels.length, values.length);
        writePage(header, body.length, compression.compress(body));
    }

    private void writePage(PageHeader header, int uncompressedBodySize, byte[]... storedBody) throws IOException {
        int stored = 0;
        for (byte[] part : storedBody) {
            stored += part.length;
        }
        header.setUncompressed_page_size(uncompressedBodySize);
        header.setCompressed_page_size(stored);
        // The checksum was of the old bytes.
        header.unsetCrc();
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        Util.writePageHeader(header, headerBytes);
        uncompressedSize += headerBytes.size() + uncompressedBodySize;
        write(headerBytes.toByteArray(), 0, headerBytes.size());
        for (byte[] part : storedBody) {
            write(part, 0, part.length);
        }
    }

    private void count(PageType type, Encoding encoding, int pages) {
        pageCounts.computeIfAbsent(type, key -> new EnumMap<>(Encoding.class)).merge(encoding, pages, Integer::sum);
    }

    private ColumnChunk footerEntry(ColumnChunk first, List<InputRowGroup> inputs, long start, boolean dictionary) {
        ColumnChunk merged = first.deepCopy();
        ColumnMetaData metadata = merged.getMeta_data();
        Set<Encoding> encodings = new LinkedHashSet<>();
        long values = 0;
        for (InputRowGroup input : inputs) {
            encodings.addAll(input.chunk(column).getMeta_data().getEncodings());
            values += input.chunk(column).getMeta_data().getNum_values();
        }
        metadata.setEncodings(new ArrayList<>(encodings));
        metadata.setNum_values(values);
        metadata.setTotal_compressed_size(compressedSize);
        metadata.setTotal_uncompressed_size(uncompressedSize);
        List<PageEncodingStats> encodingStats = new ArrayList<>();
        pageCounts.forEach((type, counts) -> counts.forEach((encoding, count) ->
                encodingStats.add(new PageEncodingStats(type, encoding, count))));
        metadata.setEncoding_stats(encodingStats);
        metadata.setData_page_offset(start + dataPagesStart);
        if (dictionary) {
            metadata.setDictionary_page_offset(start);
        } else {
            metadata.unsetDictionary_page_offset();
        }
        org.apache.parquet.format.Statistics statistics = statistics(inputs);
        if (statistics != null) {
            metadata.setStatistics(statistics);
        } else {
            metadata.unsetStatistics();
        }
        metadata.unsetIndex_page_offset();
        metadata.unsetBloom_filter_offset();
        metadata.unsetBloom_filter_length();
        metadata.unsetSize_statistics();
        metadata.unsetGeospatial_statistics();
        // A deprecated field that many writers (DuckDB among them) leave at 0: kept so.
        if (merged.getFile_offset() > 0) {
            merged.setFile_offset(start);
        }
        merged.unsetColumn_index_offset();
        merged.unsetColumn_index_length();
        merged.unsetOffset_index_offset();
        merged.unsetOffset_index_length();
        return merged;
    }

    /**
     * The chunks' statistics merged: null counts summed, the least minimum and greatest maximum. A
     * chunk without null count leaves none; a chunk with values but no bounds leaves no bounds.
     */
    private org.apache.parquet.format.Statistics statistics(List<InputRowGroup> inputs) {
        Statistics<?> merged = Statistics.createStats(descriptor.getPrimitiveType());
        boolean bounded = true;
        for (InputRowGroup input : inputs) {
            Statistics<?> chunkStatistics = input.statistics(column);
            if (chunkStatistics == null || !chunkStatistics.isNumNullsSet()) {
                return null;
            }
            if (!chunkStatistics.hasNonNullValue()
                    && input.chunk(column).getMeta_data().getNum_values() > chunkStatistics.getNumNulls()) {
                bounded = false;
            }
            merged.mergeStatistics(chunkStatistics);
        }
        if (!bounded) {
            return new org.apache.parquet.format.Statistics().setNull_count(merged.getNumNulls());
        }
        return ParquetMetadataConverter.toParquetStatistics(merged);
    }

    /** A page in a chunk's bytes: its header, where it starts, and how long the header is. */
    private record Page(PageHeader header, int offset, int headerLength) {
        static Page read(byte[] bytes, int offset) throws IOException {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes, offset, bytes.length - offset);
            int before = in.available();
            PageHeader header = Util.readPageHeader(in);
            return new Page(header, offset, before - in.available());
        }

        int bodyOffset() {
            return offset + headerLength;
        }

        int length() {
            return headerLength + header.getCompressed_page_size();
        }

        Encoding encoding() {
            return header.getType() == PageType.DATA_PAGE ? header.getData_page_header().getEncoding()
                    : header.getData_page_header_v2().getEncoding();
        }
    }
}
