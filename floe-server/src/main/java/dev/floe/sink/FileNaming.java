package dev.floe.sink;

/**
 * How file names are built: {@code <prefix><name by strategy><suffix>}; an empty suffix means the
 * format's own ({@code .parquet}, {@code .json}, {@code .json.gz}).
 */
public record FileNaming(String prefix, String suffix, NamingStrategy strategy) {
    public static final FileNaming DEFAULT = new FileNaming("", "", NamingStrategy.UUID);
}
