package dev.floe.stream.log.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only channel to a segment file, shared by every reader, opened on first use.
 *
 * <p>A {@link FileChannel} closes itself for everyone when a thread blocked in it is interrupted,
 * and request threads do get interrupted (a client goes away). So the interrupted read fails, but
 * the channel is then opened again for the others instead of failing every later read.
 */
final class ReadChannel implements Closeable {
    private final Path path;
    private final FileOpener opener;
    private volatile FileChannel channel;
    private boolean closed;

    ReadChannel(Path path, FileOpener opener) {
        this.path = path;
        this.opener = opener;
    }

    /** Reads like {@link FileChannel#read(ByteBuffer, long)}. */
    int read(ByteBuffer destination, long position) throws IOException {
        while (true) {
            FileChannel current = current();
            try {
                return current.read(destination, position);
            } catch (ClosedByInterruptException e) {
                forget(current);
                throw e;
            } catch (ClosedChannelException e) {
                // Closed under us by another reader's interruption, or for good by close().
                forget(current);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        FileChannel open = channel;
        channel = null;
        if (open != null) {
            open.close();
        }
    }

    private FileChannel current() throws IOException {
        FileChannel open = channel;
        return open != null ? open : openUnlessClosed();
    }

    private synchronized FileChannel openUnlessClosed() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (channel == null) {
            channel = opener.open(path, StandardOpenOption.READ);
        }
        return channel;
    }

    private synchronized void forget(FileChannel broken) {
        if (channel == broken) {
            channel = null;
        }
    }
}
