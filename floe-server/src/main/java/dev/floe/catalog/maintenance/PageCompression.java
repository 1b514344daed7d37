package dev.floe.catalog.maintenance;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.format.CompressionCodec;
import org.xerial.snappy.Snappy;

/**
 * The Parquet codecs a page merge decompresses and compresses pages with: those DuckDB and Iceberg's
 * writers offer for Parquet (zstd, snappy, gzip) and none. Pages of other codecs are not merged.
 */
final class PageCompression {
    /** zstd's own default; only dictionaries and dictionary-index pages, small and few, are compressed again. */
    private static final int ZSTD_LEVEL = 3;

    private PageCompression() {
    }

    static boolean supports(CompressionCodec codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, GZIP, ZSTD -> true;
            default -> false;
        };
    }

    /** The {@code uncompressedSize} bytes that {@code length} bytes of {@code source} from {@code offset} hold. */
    static byte[] decompress(CompressionCodec codec, byte[] source, int offset, int length, int uncompressedSize)
            throws IOException {
        byte[] page = new byte[uncompressedSize];
        int read = switch (codec) {
            case UNCOMPRESSED -> {
                System.arraycopy(source, offset, page, 0, Math.min(length, uncompressedSize));
                yield length;
            }
            case SNAPPY -> Snappy.uncompress(source, offset, length, page, 0);
            case ZSTD -> (int) Zstd.decompressByteArray(page, 0, uncompressedSize, source, offset, length);
            case GZIP -> {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(source, offset, length))) {
                    yield in.readNBytes(page, 0, uncompressedSize);
                }
            }
            default -> throw new IllegalArgumentException("pages compressed with " + codec + " are not merged");
        };
        if (read != uncompressedSize) {
            throw new IOException("a page of " + uncompressedSize + " bytes decompressed to " + read);
        }
        return page;
    }

    static byte[] compress(CompressionCodec codec, byte[] page) throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> page;
            case SNAPPY -> Snappy.compress(page);
            case ZSTD -> Zstd.compress(page, ZSTD_LEVEL);
            case GZIP -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (OutputStream out = new GZIPOutputStream(bytes)) {
                    out.write(page);
                }
                yield bytes.toByteArray();
            }
            default -> throw new IllegalArgumentException("pages compressed with " + codec + " are not merged");
        };
    }
}
