package dev.floe.catalog.maintenance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The one dictionary of a merged column chunk: every entry of its inputs' dictionaries once, kept as
 * Parquet's dictionary page holds them (plain-encoded, one after another), so that no value is
 * decoded, only told apart by its bytes.
 *
 * <p>It stops at {@value #MAX_BYTES} bytes, parquet-java's default dictionary page size
 * ({@code parquet.dictionary.page.size}): a column with more distinct values than that is one its
 * writers store without a dictionary, and every reader is sure to take a dictionary of that size.
 */
final class MergedDictionary {
    static final int MAX_BYTES = 1 << 20;

    private final PrimitiveType type;
    private final Map<ByteBuffer, Integer> indexes = new HashMap<>();
    private final ByteArrayOutputStream entries = new ByteArrayOutputStream();

    MergedDictionary(PrimitiveType type) {
        this.type = type;
    }

    /**
     * Adds the {@code count} entries of a decompressed dictionary page and answers, for each, its index
     * in this dictionary.
     */
    int[] add(byte[] page, int count) throws PagesNotMergeable {
        int[] mapping = new int[count];
        ByteBuffer values = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int length = length(values);
            if (length < 0 || length > values.remaining()) {
                throw new PagesNotMergeable("a dictionary page of column " + type.getName() + " ends early");
            }
            ByteBuffer entry = values.slice(values.position(), length);
            values.position(values.position() + length);
            Integer index = indexes.get(entry);
            if (index == null) {
                index = indexes.size();
                indexes.put(entry, index);
                entries.write(page, entry.arrayOffset(), length);
                if (entries.size() > MAX_BYTES) {
                    throw new PagesNotMergeable("the merged dictionary of column " + type.getName()
                            + " would be over " + MAX_BYTES + " bytes");
                }
            }
            mapping[i] = index;
        }
        return mapping;
    }

    /** The plain-encoded length of the entry at the buffer's position, its length prefix included. */
    private int length(ByteBuffer values) throws PagesNotMergeable {
        return switch (type.getPrimitiveTypeName()) {
            case BINARY -> values.remaining() < 4 || values.getInt(values.position()) < 0 ? -1
                    : 4 + values.getInt(values.position());
            case FIXED_LEN_BYTE_ARRAY -> type.getTypeLength();
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case INT96 -> 12;
            case BOOLEAN -> throw new PagesNotMergeable("column " + type.getName() + " has a dictionary of booleans");
        };
    }

    int size() {
        return indexes.size();
    }

    /** The dictionary page's uncompressed body. */
    byte[] page() {
        return entries.toByteArray();
    }
}
