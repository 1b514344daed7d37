package dev.floe.catalog.maintenance;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The values of a dictionary-encoded data page: one byte of bit width, then dictionary indexes in
 * Parquet's RLE/bit-packed hybrid encoding, to the end of the page. {@link #remap} moves them to
 * another dictionary run by run, without counting them: a page's non-null values are known only from
 * its definition levels, but an RLE run keeps its length and a bit-packed run its groups of eight,
 * whose padding past the last value maps along with the rest.
 */
final class DictionaryIndexes {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private DictionaryIndexes() {
    }

    /** The bit width of indexes into a dictionary of {@code entries}: at least 1, as every writer has it. */
    static int bitWidth(int entries) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(entries - 1));
    }

    /**
     * The indexes in {@code page} from {@code offset} to its end, each {@code i} replaced by
     * {@code mapping[i]}, encoded at {@code width} bits (bit-width byte first).
     */
    static byte[] remap(byte[] page, int offset, int[] mapping, int width) throws IOException {
        Reader in = new Reader(page, offset);
        int inWidth = in.next();
        if (inWidth > 32) {
            throw new IOException("a dictionary-encoded page has indexes of " + inWidth + " bits");
        }
        Writer out = new Writer(page.length - offset + 16);
        out.put(width);
        int inBytes = (inWidth + 7) / 8;
        int outBytes = (width + 7) / 8;
        while (in.hasNext()) {
            long header = in.varint();
            out.varint(header);
            if ((header & 1) == 0) {
                out.littleEndian(map(mapping, (int) in.littleEndian(inBytes)), outBytes);
            } else if (inWidth <= 8 && width <= 8) {
                // A group of eight indexes is then one long in and one out: no index crosses it.
                for (long group = header >>> 1; group > 0; group--) {
                    out.littleEndian(remapGroup(in.littleEndian(inWidth), inWidth, mapping, width), width);
                }
            } else {
                long values = (header >>> 1) * 8;
                for (long i = 0; i < values; i++) {
                    out.bits(map(mapping, in.bits(inWidth)), width);
                }
            }
        }
        return out.bytes();
    }

    /** Eight bit-packed indexes of {@code inWidth} bits, mapped and packed at {@code width} bits. */
    private static long remapGroup(long packed, int inWidth, int[] mapping, int width) {
        long mask = (1L << inWidth) - 1;
        long remapped = 0;
        for (int i = 0; i < 8; i++) {
            remapped |= (long) map(mapping, (int) (packed >>> (i * inWidth) & mask)) << (i * width);
        }
        return remapped;
    }

    /** Padding after a page's last index may hold anything: it maps to 0, never read. */
    private static int map(int[] mapping, int index) {
        return index >= 0 && index < mapping.length ? mapping[index] : 0;
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;
        private long buffer;
        private int buffered;

        Reader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        boolean hasNext() {
            return position < bytes.length;
        }

        /** A byte; a run cut short at the page's end reads as zeros. */
        int next() {
            return position < bytes.length ? bytes[position++] & 0xff : 0;
        }

        long varint() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = next();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("a run header of a dictionary-encoded page does not end");
        }

        /** The next {@code length} bytes (at most 8), least significant first. */
        long littleEndian(int length) {
            if (position + Long.BYTES <= bytes.length) {
                long value = (long) LONG.get(bytes, position);
                position += length;
                return length == Long.BYTES ? value : value & ((1L << (8 * length)) - 1);
            }
            long value = 0;
            for (int i = 0; i < length; i++) {
                value |= (long) next() << (8 * i);
            }
            return value;
        }

        /** The next {@code width} bits, least significant first; a bit-packed run starts on a byte. */
        int bits(int width) {
            while (buffered < width) {
                buffer |= (long) next() << buffered;
                buffered += 8;
            }
            int value = (int) (buffer & ((1L << width) - 1));
            buffer >>>= width;
            buffered -= width;
            return value;
        }
    }

    private static final class Writer {
        private byte[] bytes;
        private int size;
        private long buffer;
        private int buffered;

        Writer(int capacity) {
            bytes = new byte[capacity];
        }

        void put(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        void varint(long value) {
            while ((value & ~0x7fL) != 0) {
                put((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            put((int) value);
        }

        void littleEndian(long value, int length) {
            for (int i = 0; i < length; i++) {
                put((int) (value >>> (8 * i)));
            }
        }

        /** Eight values of any width fill whole bytes, so a bit-packed run ends on a byte. */
        void bits(int value, int width) {
            buffer |= (long) value << buffered;
            buffered += width;
            while (buffered >= 8) {
                put((int) buffer);
                buffer >>>= 8;
                buffered -= 8;
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
