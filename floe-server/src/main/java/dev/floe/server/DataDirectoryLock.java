package dev.floe.server;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second server from opening the same data directory: two writers on one log would corrupt
 * it. The lock is the operating system's, so it goes away with the process, even after SIGKILL.
 */
final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    DataDirectoryLock(Path dataDir) {
        Path file = dataDir.resolve(".lock");
        FileLock taken;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            taken = tryLock(channel);
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot lock the data directory " + dataDir + ": " + e);
        }
        lock = taken;
        if (lock == null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The lock was never taken; nothing to release.
            }
            throw new FloeException(ErrorCode.CONFLICT, "the data directory " + dataDir.toAbsolutePath()
                    + " is in use by another floe server; stop it or choose another --data-dir");
        }
    }

    /** Null when another process, or another server in this process, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
