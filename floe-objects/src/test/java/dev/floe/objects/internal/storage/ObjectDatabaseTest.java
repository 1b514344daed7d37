package dev.floe.objects.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** An object database's write-ahead log: when it is checkpointed, and who starts it again. */
class ObjectDatabaseTest extends ObjectDatabaseTestCase {
    @Test
    void aCheckpointWaitsUntilEnoughWasCommittedAndStartsTheLogAgainItself() throws IOException {
        for (int i = 0; i < 100; i++) {
            commitOne(i);
        }
        int before = WalHeader.checkpointSequence(dir.resolve("object.db-wal"));
        db.checkpointIfDue();
        assertThat(WalHeader.checkpointSequence(dir.resolve("object.db-wal"))).as("not due after 100 commits").isEqualTo(before);

        for (int i = 100; i < 250; i++) {
            commitOne(i);
        }
        db.checkpointIfDue();
        assertThat(WalHeader.checkpointSequence(dir.resolve("object.db-wal"))).as("the log was started again by the checkpoint's own commit, which the"
                + " next call would otherwise make, waiting for the disk").isEqualTo(before + 1);
        assertThat(db.scalar("SELECT value FROM _floe_meta WHERE key = 'checkpoints'")).isEqualTo("1");
        assertThat(db.scalar("SELECT value FROM _floe_kv WHERE key = 'k249'")).isEqualTo("249");
    }

    @Test
    void theWriteAheadLogIsOfferedForSyncingAheadOfACheckpointOnlyWhenOneIsDue() {
        for (int i = 0; i < 100; i++) {
            commitOne(i);
        }
        assertThat(db.walToSyncBeforeCheckpoint()).as("not due after 100 commits").isEmpty();

        for (int i = 100; i < 250; i++) {
            commitOne(i);
        }
        assertThat(db.walToSyncBeforeCheckpoint()).contains(dir.resolve("object.db-wal"));

        db.checkpointIfDue();
        assertThat(db.walToSyncBeforeCheckpoint()).as("checkpointed").isEmpty();
    }

    @Test
    void withoutAnOwnerThatCheckpointsSqliteDoesAtItsUsualSize() throws IOException {
        for (int i = 0; i < 1200; i++) {
            commitOne(db, i);
        }
        assertThat(WalHeader.checkpointSequence(dir.resolve("object.db-wal"))).as("an owner's database: SQLite waits for 4,000 pages").isZero();

        try (ObjectDatabase alone = ObjectDatabase.open(dir.resolve("alone.db"))) {
            SystemSchema.ensure(alone, "https://test.floe", "Counter", "alone");
            for (int i = 0; i < 1200; i++) {
                commitOne(alone, i);
            }
            assertThat(WalHeader.checkpointSequence(dir.resolve("alone.db-wal"))).as("a database nobody checkpoints between calls:"
                    + " SQLite checkpointed it at 1,000 pages and started the log again").isPositive();
        }
    }

    private void commitOne(int i) {
        commitOne(db, i);
    }

    private static void commitOne(ObjectDatabase database, int i) {
        database.inTransaction(() -> database.update("INSERT INTO _floe_kv (key, value) VALUES (?, ?)", "k" + i,
                Integer.toString(i)));
    }
}
