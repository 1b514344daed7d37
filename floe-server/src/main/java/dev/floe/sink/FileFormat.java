package dev.floe.sink;

import java.util.List;

/**
 * The format of the files a sink writes.
 *
 * @param type          {@link #JSON} (newline-delimited) or {@link #PARQUET}
 * @param compression   for JSON {@code none} or {@code gzip}; for Parquet {@code zstd} (default),
 *                      {@code snappy}, {@code gzip}, {@code lz4} or {@code uncompressed}
 * @param rowGroupBytes Parquet only: the target size of a row group
 */
public record FileFormat(String type, String compression, long rowGroupBytes) {
    public static final String JSON = "json";
    public static final String PARQUET = "parquet";
    public static final List<String> JSON_COMPRESSIONS = List.of("none", "gzip");
    public static final List<String> PARQUET_COMPRESSIONS = List.of("zstd", "snappy", "gzip", "lz4", "uncompressed");
    /** Cloudflare's default target row group size. */
    public static final long DEFAULT_ROW_GROUP_BYTES = 1L << 30;

    public static final FileFormat DEFAULT_PARQUET = new FileFormat(PARQUET, "zstd", DEFAULT_ROW_GROUP_BYTES);
    public static final FileFormat DEFAULT_JSON = new FileFormat(JSON, "none", 0);

    public boolean parquet() {
        return type.equals(PARQUET);
    }

    /** The file name suffix that says what a file holds, such as {@code .parquet} or {@code .json.gz}. */
    public String defaultSuffix() {
        if (parquet()) {
            return ".parquet";
        }
        return compression.equals("gzip") ? ".json.gz" : ".json";
    }
}
