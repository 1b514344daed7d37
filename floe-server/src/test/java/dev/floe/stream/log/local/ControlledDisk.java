package dev.floe.stream.log.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Real files whose fsyncs a test can hold up or make fail, and which remembers which files were
 * opened. Channels opened for writing are wrapped; everything else goes straight to the disk.
 */
final class ControlledDisk implements FileOpener {
    private final Set<Path> opened = ConcurrentHashMap.newKeySet();
    private final Semaphore syncsStarted = new Semaphore(0);
    private volatile CountDownLatch syncGate;
    private volatile IOException syncFailure;

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        opened.add(path.getFileName());
        FileChannel channel = FileChannel.open(path, options);
        return List.of(options).contains(StandardOpenOption.WRITE) ? new SyncControlledChannel(channel) : channel;
    }

    /** Makes every fsync wait until {@link #releaseSyncs()}. */
    void holdSyncs() {
        syncGate = new CountDownLatch(1);
    }

    /** Lets held fsyncs go on; does nothing when they are not held. */
    void releaseSyncs() {
        CountDownLatch gate = syncGate;
        syncGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Makes every later fsync throw {@code failure}. */
    void failSyncs(IOException failure) {
        syncFailure = failure;
    }

    /** Waits until some fsync has begun (and is possibly held). */
    void awaitSyncStarted() throws InterruptedException {
        if (!syncsStarted.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no fsync started within 10 s");
        }
    }

    /** How many fsyncs have begun so far. */
    int syncsStarted() {
        return syncsStarted.availablePermits();
    }

    boolean wasOpened(String fileName) {
        return opened.contains(Path.of(fileName));
    }

    private final class SyncControlledChannel extends FileChannel {
        private final FileChannel disk;

        SyncControlledChannel(FileChannel disk) {
            this.disk = disk;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            syncsStarted.release();
            if (syncFailure != null) {
                throw syncFailure;
            }
            CountDownLatch gate = syncGate;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
            disk.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return disk.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return disk.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return disk.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return disk.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return disk.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            disk.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return disk.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            disk.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return disk.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return disk.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return disk.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return disk.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return disk.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return disk.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return disk.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            disk.close();
        }
    }
}
