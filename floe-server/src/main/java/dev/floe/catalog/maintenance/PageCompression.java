package dev.floe.catalog.maintenance;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
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
 * Decompresses and compresses the pages of one column chunk with its Parquet codec: one of those DuckDB
 * and Iceberg's writers offer for Parquet (zstd, snappy, gzip) or none. zstd's contexts, which take
 * longer to make than a small page takes to compress, are made once for the chunk and freed on close.
 */
final class PageCompression implements AutoCloseable {
    /** As compaction's rewrites: only dictionaries and dictionary indexes, a small part, are compressed again. */
    private static final int ZSTD_LEVEL = 1;

    private final CompressionCodec codec;
    private ZstdCompressCtx zstdCompression;
    private ZstdDecompressCtx zstdDecompression;

    PageCompression(CompressionCodec codec) {
        if (!supports(codec)) {
            throw new IllegalArgumentException("pages compressed with " + codec + " are not merged");
        }
        this.codec = codec;
    }

    static boolean supports(CompressionCodec codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, GZIP, ZSTD -> true;
            default -> false;
        };
    }

    /** The {@code uncompressedSize} bytes that {@code length} bytes of {@code source} from {@code offset} hold. */
    byte[] decompress(byte[] source, int offset, int length, int uncompressedSize) throws IOException {
        byte[] page = new byte[uncompressedSize];
        int read = switch (codec) {
            case SNAPPY -> Snappy.uncompress(source, offset, length, page, 0);
            case ZSTD -> {
                if (zstdDecompression == null) {
                    zstdDecompression = new ZstdDecompressCtx();
                }
                yield zstdDecompression.decompressByteArray(page, 0, uncompressedSize, source, offset, length);
            }
            case GZIP -> {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(source, offset, length))) {
                    yield in.readNBytes(page, 0, uncompressedSize);
                }
            }
            default -> {
                System.arraycopy(source, offset, page, 0, Math.min(length, uncompressedSize));
                yield length;
            }
        };
        if (read != uncompressedSize) {
            throw new IOException("a page of " + uncompressedSize + " bytes decompressed to " + read);
        }
        return page;
    }

    byte[] compress(byte[] page) throws IOException {
        return switch (codec) {
            case SNAPPY -> Snappy.compress(page);
            case ZSTD -> {
                if (zstdCompression == null) {
                    zstdCompression = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
                }
                yield zstdCompression.compress(page);
            }
            case GZIP -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (OutputStream out = new GZIPOutputStream(bytes)) {
                    out.write(page);
                }
                yield bytes.toByteArray();
            }
            default -> page;
        };
    }

    @Override
    public void close() {
        if (zstdCompression != null) {
            zstdCompression.close();
        }
        if (zstdDecompression != null) {
            zstdDecompression.close();
        }
    }
}
