package dev.floe.objects.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.floe.objects.internal.storage.ObjectDatabaseTestCase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An outbox in a real object database: what is read for delivery, under which numbers, and what stays. */
class OutboxTest extends ObjectDatabaseTestCase {
    @Test
    void acknowledgedRowsAreNotReadAgainAndKeepTheirNumbersUntilTheyAreDeleted() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS", "STATE"));
        commit(outbox, "EVENTS", "EVENTS", "STATE");

        List<Outbox.Waiting> first = outbox.waiting(100);
        assertThat(first).extracting(Outbox.Waiting::binding, Outbox.Waiting::firstDelivery)
                .containsExactly(tuple("EVENTS", 0L), tuple("STATE", 0L));
        assertThat(first.getFirst().rows()).extracting(Outbox.Row::seq).containsExactly(1L, 2L);

        outbox.acknowledge(List.of(new Outbox.Acknowledged("EVENTS", 2, 2)));
        commit(outbox, "EVENTS");
        List<Outbox.Waiting> second = outbox.waiting(100);
        assertThat(second).extracting(Outbox.Waiting::binding, Outbox.Waiting::firstDelivery)
                .as("the acknowledged rows are skipped, and the next row is numbered after them")
                .containsExactly(tuple("EVENTS", 2L), tuple("STATE", 0L));
        assertThat(second.getFirst().rows()).extracting(Outbox.Row::seq).containsExactly(4L);
        assertThat(outbox.size()).as("rows waiting to be sent").isEqualTo(2);
        assertThat(rowsInDatabase()).as("acknowledged rows stay until they are saved").isEqualTo(4);

        Outbox afterCrash = new Outbox(db, Set.of("EVENTS", "STATE"));
        assertThat(afterCrash.waiting(100)).as("unsaved acknowledgements are lost in a crash: the rows go out again"
                + " under the numbers they had, so the stream recognises them")
                .extracting(Outbox.Waiting::binding, Outbox.Waiting::firstDelivery)
                .containsExactly(tuple("EVENTS", 0L), tuple("STATE", 0L));

        outbox.saveAcknowledged();
        assertThat(rowsInDatabase()).isEqualTo(2);
        assertThat(outbox.acknowledgedUnsavedRows()).isZero();
        Outbox reopened = new Outbox(db, Set.of("EVENTS", "STATE"));
        List<Outbox.Waiting> afterSave = reopened.waiting(100);
        assertThat(afterSave).extracting(Outbox.Waiting::binding, Outbox.Waiting::firstDelivery)
                .containsExactly(tuple("EVENTS", 2L), tuple("STATE", 0L));
        assertThat(afterSave.getFirst().rows()).extracting(Outbox.Row::seq).containsExactly(4L);
    }

    @Test
    void acknowledgementsOfOneBindingAddUpUntilSaved() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS"));
        commit(outbox, "EVENTS", "EVENTS", "EVENTS");
        outbox.acknowledge(List.of(new Outbox.Acknowledged("EVENTS", 1, 1)));
        outbox.acknowledge(List.of(new Outbox.Acknowledged("EVENTS", 3, 2)));

        assertThat(outbox.waiting(100)).isEmpty();
        assertThat(outbox.acknowledgedUnsavedRows()).isEqualTo(3);
        outbox.saveAcknowledged();
        commit(outbox, "EVENTS");

        assertThat(rowsInDatabase()).isEqualTo(1);
        assertThat(outbox.waiting(100)).extracting(Outbox.Waiting::firstDelivery).containsExactly(3L);
    }

    @Test
    void aReadStopsAtTheLimitAcrossBindings() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS", "STATE"));
        commit(outbox, "EVENTS", "EVENTS", "EVENTS", "STATE");

        List<Outbox.Waiting> waiting = outbox.waiting(2);
        assertThat(waiting).extracting(Outbox.Waiting::binding).containsExactly("EVENTS");
        assertThat(waiting.getFirst().rows()).extracting(Outbox.Row::seq).containsExactly(1L, 2L);
    }

    @Test
    void rowsAcknowledgedInOneBindingDoNotCountAgainstTheLimit() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS", "STATE"));
        commit(outbox, "EVENTS", "EVENTS", "STATE", "EVENTS");
        outbox.acknowledge(List.of(new Outbox.Acknowledged("EVENTS", 2, 2)));

        List<Outbox.Waiting> waiting = outbox.waiting(1);
        assertThat(waiting).extracting(Outbox.Waiting::binding).containsExactly("STATE");
        assertThat(waiting.getFirst().rows()).extracting(Outbox.Row::seq).containsExactly(3L);
    }

    @Test
    void rowsOfABindingNoLongerDeclaredAreLeftAndDoNotCountAgainstTheLimit() {
        commit(new Outbox(db, Set.of("EVENTS", "OLD")), "OLD", "OLD", "EVENTS");
        Outbox outbox = new Outbox(db, Set.of("EVENTS"));

        List<Outbox.Waiting> waiting = outbox.waiting(1);
        assertThat(waiting).extracting(Outbox.Waiting::binding).containsExactly("EVENTS");
        assertThat(waiting.getFirst().rows()).extracting(Outbox.Row::seq).containsExactly(3L);
        assertThat(outbox.pendingBindings()).containsExactlyInAnyOrder("EVENTS", "OLD");
    }

    @Test
    void rowsCommittedAfterAReadThatFoundThemAllAreReadFromMemory() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS", "STATE"));
        commit(outbox, "EVENTS", "STATE");
        assertThat(outbox.waiting(100)).hasSize(2);
        outbox.acknowledge(List.of(new Outbox.Acknowledged("EVENTS", 1, 1)));
        commit(outbox, "EVENTS");
        db.update("DELETE FROM _floe_outbox");

        List<Outbox.Waiting> waiting = outbox.waiting(100);
        assertThat(waiting).as("rows kept in memory: the database, emptied behind the outbox's back, is not read")
                .extracting(Outbox.Waiting::binding, Outbox.Waiting::firstDelivery)
                .containsExactly(tuple("EVENTS", 1L), tuple("STATE", 0L));
        assertThat(waiting).flatExtracting(Outbox.Waiting::rows).extracting(Outbox.Row::seq).containsExactly(3L, 2L);
        assertThat(outbox.waiting(1)).flatExtracting(Outbox.Waiting::rows).extracting(Outbox.Row::seq)
                .as("oldest first, up to the limit").containsExactly(2L);
    }

    @Test
    void aReadThatStopsAtTheLimitKeepsNothingSoTheNextReadsAreQueries() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS"));
        commit(outbox, "EVENTS", "EVENTS", "EVENTS");
        assertThat(outbox.waiting(2)).flatExtracting(Outbox.Waiting::rows).extracting(Outbox.Row::seq).containsExactly(1L, 2L);
        outbox.acknowledge(List.of(new Outbox.Acknowledged("EVENTS", 2, 2)));
        commit(outbox, "EVENTS");

        assertThat(outbox.waiting(100)).flatExtracting(Outbox.Waiting::rows).extracting(Outbox.Row::seq).containsExactly(3L, 4L);
    }

    @Test
    void rowsOfARolledBackTransactionAreNeverRead() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS"));
        db.listener(outbox);
        assertThat(outbox.waiting(100)).isEmpty();
        assertThatThrownBy(() -> db.inTransaction(() -> {
            outbox.append("EVENTS", seq -> "{}");
            outbox.flush();
            throw new IllegalStateException("undone");
        })).hasMessage("undone");
        db.inTransaction(() -> outbox.append("EVENTS", seq -> "{\"kept\":" + seq + "}"));

        assertThat(outbox.waiting(100)).flatExtracting(Outbox.Waiting::rows).extracting(Outbox.Row::payload)
                .containsExactly("{\"kept\":2}");
    }

    @Test
    void aSavepointWhoseInsertedRowsWereUndoneSendsTheOutboxBackToItsTable() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS"));
        db.listener(outbox);
        assertThat(outbox.waiting(100)).isEmpty();
        db.inTransaction(() -> {
            outbox.append("EVENTS", seq -> "{\"kept\":" + seq + "}");
            assertThatThrownBy(() -> db.inTransaction(() -> {
                outbox.append("EVENTS", seq -> "{}");
                db.inTransaction(() -> outbox.append("EVENTS", seq -> "{}"));
                throw new IllegalStateException("savepoint undone");
            })).hasMessage("savepoint undone");
            return null;
        });

        assertThat(rowsInDatabase()).isEqualTo(1);
        assertThat(outbox.waiting(100)).flatExtracting(Outbox.Waiting::rows).extracting(Outbox.Row::payload)
                .containsExactly("{\"kept\":1}");
    }

    @Test
    void rowsPastWhatMemoryKeepsAreReadFromTheDatabaseInOrder() {
        Outbox outbox = new Outbox(db, Set.of("EVENTS"));
        db.listener(outbox);
        assertThat(outbox.waiting(1000)).isEmpty();
        String large = "x".repeat(10_000);
        for (int i = 0; i < 10; i++) {
            db.inTransaction(() -> outbox.append("EVENTS", seq -> "{\"seq\":" + seq + ",\"pad\":\"" + large + "\"}"));
        }
        db.update("DELETE FROM _floe_outbox WHERE seq <= 3");

        assertThat(outbox.waiting(1000)).as("100,000 characters are more than memory keeps: the table is read")
                .flatExtracting(Outbox.Waiting::rows).extracting(Outbox.Row::seq).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    private void commit(Outbox outbox, String... bindings) {
        db.listener(outbox);
        db.inTransaction(() -> {
            for (String binding : bindings) {
                outbox.append(binding, seq -> "{\"seq\":" + seq + "}");
            }
            return null;
        });
    }

    private long rowsInDatabase() {
        return ((Number) db.scalar("SELECT count(*) FROM _floe_outbox")).longValue();
    }
}
