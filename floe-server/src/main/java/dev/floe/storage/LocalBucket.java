package dev.floe.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A bucket in a local directory: an object is a file, its key the file's path below the directory.
 *
 * <p>A write goes to a file in a staging directory first, is fsynced, and is renamed into place; the
 * directory entry is fsynced too. So a reader, even after a crash, finds the old object or the new
 * one. The staging directory must be on the same file system as the bucket (a rename cannot cross
 * file systems) and outside it (so that listings never show unfinished writes); whatever a crash
 * leaves in it is garbage for its owner to delete when no write is running.
 *
 * <p>A file system cannot hold both an object {@code a} and an object {@code a/b}, which S3 can:
 * such a write is refused with {@code CONFLICT}.
 */
public final class LocalBucket implements Bucket {
    private final Path root;
    private final Path staging;

    /**
     * Creates the directories when missing.
     *
     * @throws FloeException {@code UNAVAILABLE} when they cannot be created
     */
    public LocalBucket(Path root, Path staging) {
        this.root = root.toAbsolutePath().normalize();
        this.staging = staging.toAbsolutePath().normalize();
        if (this.staging.startsWith(this.root)) {
            throw new IllegalArgumentException("the staging directory " + staging + " is inside the bucket " + root);
        }
        try {
            Files.createDirectories(this.root);
            Files.createDirectories(this.staging);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot create the bucket directory " + root + " or "
                    + staging + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String key, Path source) {
        Path target = pathOf(key);
        SourceFile.requireRegularFile(source, key, this);
        Path temporary = stagingFile();
        try {
            Files.copy(source, temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            commit(temporary, target, key);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e instanceof FloeException floe ? floe : failure("write", key, e);
        }
    }

    @Override
    public void write(String key, byte[] content) {
        Path target = pathOf(key);
        Path temporary = stagingFile();
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            commit(temporary, target, key);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e instanceof FloeException floe ? floe : failure("write", key, e);
        }
    }

    private Path stagingFile() {
        return staging.resolve(UUID.randomUUID() + ".tmp");
    }

    /**
     * Renames a complete, fsynced file into place. A concurrent delete may remove an emptied parent
     * directory between creating it and the rename; the rename is then tried once more.
     */
    private void commit(Path temporary, Path target, String key) throws IOException {
        for (int attempt = 1; ; attempt++) {
            createParents(target, key);
            if (Files.isDirectory(target)) {
                throw new FloeException(ErrorCode.CONFLICT, "cannot write '" + key + "' to " + location()
                        + ": objects with keys under '" + key + "/' exist, and a local bucket cannot also hold '"
                        + key + "'");
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.syncDirectory(target.getParent());
                return;
            } catch (AtomicMoveNotSupportedException e) {
                throw new FloeException(ErrorCode.UNAVAILABLE, "cannot rename from " + staging + " into " + root
                        + ": they must be on one file system", e);
            } catch (NoSuchFileException e) {
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    /** Creates the missing parent directories of a file, fsyncing each one's parent so that it lasts. */
    private void createParents(Path file, String key) throws IOException {
        Path parent = file.getParent();
        if (Files.isDirectory(parent)) {
            return;
        }
        createParents(parent, key);
        try {
            Files.createDirectory(parent);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(parent)) {
                throw new FloeException(ErrorCode.CONFLICT, "cannot write '" + key + "' to " + location()
                        + ": '" + keyOf(parent) + "' is an object, and a local bucket cannot also hold keys under it", e);
            }
        }
        AtomicFiles.syncDirectory(parent.getParent());
    }

    @Override
    public InputStream open(String key) {
        Path file = pathOf(key);
        try {
            if (Files.isDirectory(file)) {
                throw notFound(key);
            }
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public List<StoredObject> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        int lastSlash = prefix.lastIndexOf('/');
        Path start = lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash));
        List<StoredObject> objects = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            return objects;
        }
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String key = keyOf(file);
                    if (attributes.isRegularFile() && key.startsWith(prefix)) {
                        objects.add(new StoredObject(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted while listing
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE,
                    "cannot list '" + prefix + "' in " + location() + ": " + e.getMessage(), e);
        }
        objects.sort(Comparator.comparing(StoredObject::key, ObjectKeys.ORDER));
        return objects;
    }

    @Override
    public boolean isEmpty() {
        try (var paths = Files.walk(root)) {
            return paths.noneMatch(Files::isRegularFile);
        } catch (IOException | UncheckedIOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot read " + location() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the object, then the directories it leaves empty, so that their names are free again. */
    @Override
    public void delete(String key) {
        Path file = pathOf(key);
        try {
            if (Files.isDirectory(file) || !Files.deleteIfExists(file)) {
                return;
            }
            Path directory = file.getParent();
            AtomicFiles.syncDirectory(directory);
            while (!directory.equals(root)) {
                try {
                    Files.delete(directory);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    return;
                }
                directory = directory.getParent();
                AtomicFiles.syncDirectory(directory);
            }
        } catch (IOException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public String location() {
        return root.toString();
    }

    /** The directory the objects are in, for code that reads and writes files in place (Iceberg's). */
    public Path root() {
        return root;
    }

    /** Where writes are prepared before they are renamed into the bucket: same file system, outside it. */
    public Path staging() {
        return staging;
    }

    /** Nothing to release: every operation opens and closes its own files. */
    @Override
    public void close() {
    }

    private Path pathOf(String key) {
        return root.resolve(ObjectKeys.requireValid(key));
    }

    private String keyOf(Path file) {
        String relative = root.relativize(file).toString();
        String separator = file.getFileSystem().getSeparator();
        return separator.equals("/") ? relative : relative.replace(separator, "/");
    }

    private FloeException notFound(String key) {
        return new FloeException(ErrorCode.NOT_FOUND, "object '" + key + "' does not exist in " + location());
    }

    private FloeException failure(String action, String key, Exception e) {
        return new FloeException(ErrorCode.UNAVAILABLE,
                "cannot " + action + " '" + key + "' in " + location() + ": " + e.getMessage(), e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left in the staging directory, for its owner to clear.
        }
    }
}
