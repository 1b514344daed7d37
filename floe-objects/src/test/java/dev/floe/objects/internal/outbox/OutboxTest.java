package dev.floe.objects.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
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

    private void commit(Outbox outbox, String... bindings) {
        db.inTransaction(() -> {
            for (String binding : bindings) {
                outbox.append(binding, seq -> "{\"seq\":" + seq + "}");
            }
            outbox.flush();
            return null;
        });
    }

    private long rowsInDatabase() {
        return ((Number) db.scalar("SELECT count(*) FROM _floe_outbox")).longValue();
    }
}
