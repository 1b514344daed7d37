package dev.floe.objects.internal.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces an object's WAL file to disk through a file handle of its own, from any thread, while the
 * object's connection goes on writing to it: what was written by then is on disk when it returns.
 *
 * <p>It needs no turn on the object and changes nothing SQLite relies on: with the connection in
 * exclusive locking mode, SQLite keeps the WAL's locks in memory and takes file locks on the database
 * file only, so closing this handle (which drops the process's POSIX locks on the file it names)
 * releases none of them. A sync that fails is only a head start lost: the checkpoint syncs the WAL
 * itself before it copies a page.
 */
public final class WalSync {
    private static final Logger LOG = LoggerFactory.getLogger(WalSync.class);

    private WalSync() {
    }

    public static void force(Path wal) {
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            channel.force(false);
        } catch (NoSuchFileException e) {
            // The object was closed meanwhile, which checkpointed the WAL and removed it.
        } catch (IOException e) {
            LOG.debug("cannot sync {} ahead of its checkpoint: {}", wal, e.getMessage());
        }
    }
}
