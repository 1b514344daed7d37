package dev.floe.objects.internal.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What tests read of a WAL file's header, from the file: asking SQLite would checkpoint. */
public final class WalHeader {
    private WalHeader() {
    }

    /** The checkpoint sequence number, which SQLite increments each time the log starts again from its beginning. */
    public static int checkpointSequence(Path wal) throws IOException {
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            channel.read(header, 0);
            return header.getInt(12);
        }
    }
}
