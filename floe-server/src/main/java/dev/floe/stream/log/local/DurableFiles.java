package dev.floe.stream.log.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations that survive a crash: a file's new content either fully replaces the old one or
 * not at all, and a created, renamed or deleted name is made durable by syncing its directory.
 */
final class DurableFiles {
    private static final String TEMP_SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /** Replaces {@code target} with {@code content}: write a temporary file, sync it, rename it over, sync the directory. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /** Makes the directory's entries (files created, renamed or deleted in it) durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes temporary files left behind by a crash in the middle of {@link #writeAtomically}. */
    static void deleteLeftoverTemporaryFiles(Path directory) throws IOException {
        try (var files = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }
}
