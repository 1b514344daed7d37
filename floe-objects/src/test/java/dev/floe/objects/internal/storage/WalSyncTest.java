package dev.floe.objects.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Syncing an object's WAL from outside its connection, while the connection holds the database. */
class WalSyncTest extends ObjectDatabaseTestCase {
    @Test
    void syncingTheWalLeavesTheDatabaseLockedToItsConnection() throws IOException {
        db.inTransaction(() -> db.update("INSERT INTO _floe_kv (key, value) VALUES ('k', '1')"));
        Path database = dir.resolve("object.db");
        assertThat(locksOf(database)).as("the connection's locks, in exclusive locking mode").isNotEmpty();

        WalSync.force(dir.resolve("object.db-wal"));

        assertThat(locksOf(database)).as("closing a handle of the WAL drops no lock of the database file's").isNotEmpty();
        db.inTransaction(() -> db.update("INSERT INTO _floe_kv (key, value) VALUES ('l', '2')"));
        assertThat(db.scalar("SELECT count(*) FROM _floe_kv")).isEqualTo(2);
    }

    @Test
    void aWalThatIsGoneNeedsNoSync() {
        WalSync.force(dir.resolve("closed.db-wal"));

        assertThat(dir.resolve("closed.db-wal")).doesNotExist();
    }

    /**
     * The POSIX locks this process holds on {@code file}, as the kernel lists them: a second process
     * that opened the object would be refused by them, and one handle closed anywhere in this process
     * would drop them all.
     */
    private static List<String> locksOf(Path file) throws IOException {
        String inode = ":" + Files.getAttribute(file, "unix:ino") + " ";
        String pid = " " + ProcessHandle.current().pid() + " ";
        return Files.readAllLines(Path.of("/proc/locks")).stream()
                .filter(lock -> lock.contains("POSIX") && lock.contains(pid) && lock.contains(inode)).toList();
    }
}
