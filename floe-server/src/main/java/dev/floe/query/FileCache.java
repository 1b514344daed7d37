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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.io.FileIO;

/**
 * Where a query's DuckDB reads a data file: a local bucket's file in place, an S3-backed bucket's
 * file downloaded once into the cache (data files are never rewritten, so a cached copy stays right).
 *
 * <p>The cache holds at most {@code maxBytes}: past it, the least recently used copies that no running
 * query has pinned are deleted. A query pins what {@link #local} hands it until it calls
 * {@link #release}, so that a file is never deleted under a query that is about to read it. Copies
 * left from a previous run of the server are deleted at start, as the cache does not know their use.
 */
final class FileCache {
    private final Path directory;
    private final long maxBytes;
    /** Cached copies, least recently used first. */
    private final Map<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes;

    private static final class Entry {
        final long bytes;
        int pins;

        Entry(long bytes) {
            this.bytes = bytes;
        }
    }

    FileCache(Path directory, long maxBytes) {
        this.directory = directory.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        try (var stale = Files.exists(this.directory) ? Files.list(this.directory) : Stream.<Path>empty()) {
            for (Path file : stale.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot clear the query cache " + this.directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where the copies are. */
    Path directory() {
        return directory;
    }

    /** The local path of a data file, pinned until {@link #release} when it is a cached copy. */
    Path local(FileIO io, String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location)).toAbsolutePath().normalize();
        }
        Path cached = directory.resolve(digest(location) + ".parquet");
        synchronized (this) {
            Entry entry = entries.get(cached);
            if (entry != null) {
                entry.pins++;
                return cached;
            }
        }
        long bytes = download(io, location, cached);
        synchronized (this) {
            Entry entry = entries.get(cached);
            if (entry == null) {
                entry = new Entry(bytes);
                entries.put(cached, entry);
                totalBytes += bytes;
            }
            entry.pins++;
            evict();
        }
        return cached;
    }

    /** Unpins the files a query was handed. */
    synchronized void release(Collection<Path> files) {
        for (Path file : files) {
            Entry entry = entries.get(file);
            if (entry != null) {
                entry.pins--;
            }
        }
        evict();
    }

    private void evict() {
        List<Path> evicted = new ArrayList<>();
        Iterator<Map.Entry<Path, Entry>> oldestFirst = entries.entrySet().iterator();
        while (totalBytes > maxBytes && oldestFirst.hasNext()) {
            Map.Entry<Path, Entry> candidate = oldestFirst.next();
            if (candidate.getValue().pins == 0) {
                oldestFirst.remove();
                totalBytes -= candidate.getValue().bytes;
                evicted.add(candidate.getKey());
            }
        }
        for (Path file : evicted) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a copy left behind is deleted at the next start
            }
        }
    }

    /** Downloads into a temporary file and moves it into place, so that no reader sees part of it. */
    private long download(FileIO io, String location, Path cached) {
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "download-", ".part");
            try (InputStream in = io.newInputFile(location).newStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                long bytes = Files.size(partial);
                Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return bytes;
            } finally {
                Files.deleteIfExists(partial);
            }
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
