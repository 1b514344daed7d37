package dev.floe.query;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.iceberg.io.FileIO;

/**
 * Where a query's DuckDB reads a data file: a local bucket's file in place, an S3-backed bucket's
 * file downloaded once into the cache (data files are never rewritten, so a cached copy stays right).
 */
final class FileCache {
    private final Path directory;

    FileCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    Path local(FileIO io, String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location)).toAbsolutePath().normalize();
        }
        Path cached = directory.resolve(digest(location) + ".parquet");
        if (Files.exists(cached)) {
            return cached;
        }
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "download-", ".part");
            try (InputStream in = io.newInputFile(location).newStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return cached;
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot fetch data file " + location + ": " + e.getMessage());
        }
    }

    private static String digest(String location) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(location.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
