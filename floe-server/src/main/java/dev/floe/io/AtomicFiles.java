package dev.floe.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;

/**
 * Writes small files so that after a crash a reader finds either the old content or the new, never a
 * mix: write a temporary file, fsync it, rename it over the target, fsync the directory.
 */
public final class AtomicFiles {
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, new FileAttribute<?>[0]);
    }

    /**
     * Like {@link #write}, with a file only its owner may read or write (on file systems with POSIX
     * permissions), for content such as credentials.
     */
    public static void writeOwnerOnly(Path target, byte[] content) throws IOException {
        boolean posix = Files.getFileStore(existingAncestor(target)).supportsFileAttributeView("posix");
        write(target, content, posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0]);
    }

    private static Path existingAncestor(Path path) {
        Path existing = path.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    private static void write(Path target, byte[] content, FileAttribute<?>[] attributes) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(target.getFileName() + TEMPORARY_SUFFIX);
        // A leftover temporary file would keep its permissions: create a fresh one.
        Files.deleteIfExists(temporary);
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + directory + " cannot rename atomically; floe needs it", e);
        }
        syncDirectory(directory);
    }

    /** Makes a directory's entries (files created, renamed or deleted in it) durable. */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes temporary files that a crash in the middle of {@link #write} left in a directory. */
    public static void deleteLeftoverTemporaryFiles(Path directory) throws IOException {
        try (var files = Files.newDirectoryStream(directory, "*" + TEMPORARY_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Deletes a directory tree; missing is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
