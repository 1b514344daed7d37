package dev.floe.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A flat space of objects named by keys, where sinks write their files: a local directory
 * ({@link LocalBucket}) or an S3 bucket ({@link S3Bucket}).
 *
 * <p>Keys are {@code /}-separated names such as {@code events/2026/01/part-0.parquet}. A key that
 * could escape the bucket on a file system (an absolute path, {@code .} or {@code ..} segments, empty
 * segments, backslashes, control characters) is refused with {@code INVALID_REQUEST}, by every kind
 * of bucket alike, so that data moves between them without surprises.
 *
 * <p>A write replaces the whole object at once: a reader sees the old object or the new one, never
 * a part. Every failure is a {@link FloeException}: {@code NOT_FOUND} for a missing object,
 * {@code UNAVAILABLE} when the storage cannot be reached, {@code FORBIDDEN} when it refuses access.
 *
 * <p>Thread-safe. {@link #close()} releases connections; the bucket cannot be used afterwards.
 */
public interface Bucket extends AutoCloseable {

    /** Writes an object with the content of a local file. */
    void write(String key, Path source);

    /** Writes an object with these bytes. */
    void write(String key, byte[] content);

    /** The object's content, to be read and closed by the caller. */
    InputStream open(String key);

    /** The object's whole content. */
    default byte[] read(String key) {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot read '" + key + "' from " + location() + ": " + e.getMessage(), e);
        }
    }

    /** Copies the object into a local file, replacing it; a failed copy leaves no file behind. */
    default void download(String key, Path target) {
        try (InputStream in = open(key)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot download '" + key + "' from " + location() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    boolean exists(String key);

    /**
     * Every object whose key starts with {@code prefix} ({@code ""} for all), in key order (that of
     * their UTF-8 bytes, as S3 lists them).
     */
    List<StoredObject> list(String prefix);

    /** Whether the bucket holds no object; cheaper than listing. */
    boolean isEmpty();

    /** Deletes an object; deleting one that does not exist is not an error. */
    void delete(String key);

    /** Where the objects are, for messages: a directory, or an S3 bucket and its endpoint. */
    String location();

    @Override
    void close();
}
