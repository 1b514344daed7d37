package dev.floe.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.error.FloeException;
import dev.floe.objects.internal.storage.WalHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An object's storage: SQL and its cursor, key-value pairs, nested transactions, migrations. */
class StorageTest {
    record Profile(String name, int age) {
    }

    @TempDir
    Path dataDir;

    private ObjectRuntime runtime;
    private ObjectStub<Notebook> notebook;

    @BeforeEach
    void start() {
        runtime = ObjectRuntime.builder(dataDir).register(Notebook.NAMESPACE).build();
        notebook = runtime.get(Notebook.NAMESPACE.idFromName("n1"));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void theCursorGivesRowsColumnsAndCounts() {
        SqlCursor inserted = notebook.call(n -> n.sql().exec("INSERT INTO notes (title, words) VALUES (?, ?), (?, ?), (?, ?)",
                "a", 10, "b", 20, "c", null));
        assertThat(inserted.rowsWritten()).isEqualTo(3);
        assertThat(inserted.rowsRead()).isZero();

        SqlCursor rows = notebook.call(n -> n.sql().exec("SELECT title, words FROM notes WHERE words IS NOT NULL ORDER BY id"));
        assertThat(rows.columnNames()).containsExactly("title", "words");
        assertThat(rows.toArray()).containsExactly(Map.of("title", "a", "words", 10L), Map.of("title", "b", "words", 20L));
        assertThat(rows.raw()).extracting(row -> row[0]).containsExactly("a", "b");
        assertThat(rows.rowsRead()).isEqualTo(2);
        assertThat(rows.rowsWritten()).isZero();

        Map<String, Object> one = notebook.call(n -> n.sql().exec("SELECT title FROM notes WHERE words = ?", 20).one());
        assertThat(one).containsEntry("title", "b");
        assertThatThrownBy(() -> notebook.call(n -> n.sql().exec("SELECT title FROM notes").one()))
                .isInstanceOf(FloeException.class).hasMessageContaining("expected exactly one row, the query returned 3");
        assertThatThrownBy(() -> notebook.call(n -> n.sql().exec("SELECT nope FROM notes")))
                .isInstanceOf(FloeException.class).hasMessageContaining("no such column: nope");
        assertThatThrownBy(() -> notebook.call(n -> n.sql().exec("BEGIN")))
                .isInstanceOf(FloeException.class).hasMessageContaining("transactionSync");
    }

    @Test
    void keyValuesRoundTripAsJsonAndListByPrefix() {
        notebook.run(n -> {
            n.storage().put("user:1", new Profile("ada", 36));
            n.storage().put("user:2", new Profile("bob", 41));
            n.storage().put("setting", Map.of("dark", true));
        });

        Optional<Profile> ada = notebook.call(n -> n.storage().get("user:1", Profile.class));
        assertThat(ada).contains(new Profile("ada", 36));
        SortedMap<String, JsonNode> users = notebook.call(n -> n.storage().list("user:"));
        assertThat(users.keySet()).containsExactly("user:1", "user:2");
        SortedMap<String, JsonNode> all = notebook.call(n -> n.storage().list(""));
        assertThat(all.keySet()).containsExactly("setting", "user:1", "user:2");
        Optional<JsonNode> setting = notebook.call(n -> n.storage().get("setting"));
        assertThat(setting).map(JsonNode::toString).contains("{\"dark\":true}");

        boolean deleted = notebook.call(n -> n.storage().delete("user:1"));
        boolean deletedAgain = notebook.call(n -> n.storage().delete("user:1"));
        Optional<JsonNode> gone = notebook.call(n -> n.storage().get("user:1"));
        assertThat(deleted).isTrue();
        assertThat(deletedAgain).isFalse();
        assertThat(gone).isEmpty();
    }

    @Test
    void aNestedTransactionThatFailsUndoesOnlyItsOwnWrites() {
        notebook.run(n -> {
            n.storage().put("kept", 1);
            assertThatThrownBy(() -> n.storage().transactionSync(() -> {
                n.storage().put("undone", 2);
                n.sql().exec("INSERT INTO notes (title) VALUES ('undone')");
                throw new IllegalStateException("inner failure");
            })).hasMessage("inner failure");
        });

        SortedMap<String, JsonNode> left = notebook.call(n -> n.storage().list(""));
        assertThat(left.keySet()).containsExactly("kept");
        Object notes = notebook.call(n -> n.sql().exec("SELECT count(*) AS n FROM notes").one().get("n"));
        assertThat(notes).isEqualTo(0L);
    }

    @Test
    void migrationsAreAppliedOnceInOrderAndNewOnesLater() {
        notebook.run(n -> n.sql().exec("INSERT INTO notes (title, tag) VALUES ('x', 'y')"));
        runtime.close();

        Namespace<Notebook> grown = Namespace.builder("https://test.floe", "Notebook", Notebook::new)
                .migrations(Notebook.NAMESPACE.migrations().toArray(String[]::new))
                .migrations("CREATE INDEX notes_by_tag ON notes (tag)")
                .build();
        runtime = ObjectRuntime.builder(dataDir).register(grown).build();
        ObjectStub<Notebook> reopened = runtime.get(grown.idFromName("n1"));

        List<Object> versions = reopened.call(n -> n.sql().exec("SELECT version FROM _floe_migrations ORDER BY version"))
                .raw().stream().map(row -> row[0]).toList();
        assertThat(versions).containsExactly(1L, 2L, 3L);
        Object index = reopened.call(n -> n.sql().exec("SELECT count(*) AS n FROM sqlite_master WHERE name = 'notes_by_tag'").one().get("n"));
        assertThat(index).isEqualTo(1L);
        Object kept = reopened.call(n -> n.sql().exec("SELECT tag FROM notes").one().get("tag"));
        assertThat(kept).isEqualTo("y");
    }

    @Test
    void theDatabaseIsInWalMode() {
        Object mode = notebook.call(n -> n.sql().exec("PRAGMA journal_mode").one().get("journal_mode"));

        assertThat(mode).isEqualTo("wal");
    }

    @Test
    void withoutDeliveryTooTheRuntimeCheckpointsBetweenCallsRatherThanACallAtSqlitesUsualSize() throws Exception {
        for (int i = 0; i < 300; i++) {
            int value = i;
            notebook.call(n -> {
                n.storage().put("count", value);
                return null;
            });
        }
        Path wal;
        try (Stream<Path> files = Files.walk(dataDir.resolve("objects"))) {
            wal = files.filter(file -> file.toString().endsWith(".db-wal")).findFirst().orElseThrow();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (WalHeader.checkpointSequence(wal) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(WalHeader.checkpointSequence(wal)).as("the log was started again after 250 commits, of a page or two each,"
                + " where SQLite would wait for 1,000 pages and start it again in a call").isPositive();
        Optional<Integer> count = notebook.call(n -> n.storage().get("count", Integer.class));
        assertThat(count).contains(299);
    }
}
