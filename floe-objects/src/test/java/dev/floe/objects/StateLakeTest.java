package dev.floe.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.BucketSpec;
import dev.floe.client.FloeClient;
import dev.floe.client.SinkSpec;
import dev.floe.client.SqlResult;
import dev.floe.client.StreamSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second seed's cold-storage path: an object's key-value changes go through a {@code do_state}
 * stream and a pipeline into an Iceberg table partitioned by day, and the object's state as of a
 * past moment is rebuilt from that table with SQL and found equal to what the object held then.
 */
class StateLakeTest {
    private static final String SCHEMA = """
            {"fields": [
              {"name": "do_id", "type": "string", "required": true},
              {"name": "ns", "type": "string", "required": true},
              {"name": "type", "type": "string", "required": true},
              {"name": "key", "type": "string", "required": true},
              {"name": "value", "type": "string", "required": false},
              {"name": "op", "type": "string", "required": true},
              {"name": "timestamp", "type": "timestamp", "unit": "millisecond", "required": true},
              {"name": "seq", "type": "int64", "required": true}]}""";

    /** A clock the test moves by hand, so that each change has a known time. */
    private static final class ManualClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2024-03-01T09:00:00Z").toEpochMilli());

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @TempDir
    Path serverDir;
    @TempDir
    Path objectsDir;

    @Test
    void anObjectsStateAsOfAPastMomentIsRebuiltFromTheLake() throws Exception {
        try (LocalFloe floe = new LocalFloe(serverDir); FloeClient client = floe.client()) {
            client.buckets().create(BucketSpec.builder("lake").build());
            client.catalogs().enable("lake");
            client.streams().create(StreamSpec.builder("do_state_stream").schema(new ObjectMapper().readTree(SCHEMA)).build());
            client.sinks().create(SinkSpec.builder("do_state_sink", "r2_data_catalog", "lake")
                    .table("do_state", "changes", "token").rollIntervalSeconds(1).build());
            client.pipelines().create("do_state", "INSERT INTO do_state_sink SELECT * FROM do_state_stream");

            ManualClock clock = new ManualClock();
            Instant noon = Instant.parse("2024-03-01T12:00:00Z");
            SortedMap<String, String> heldAtNoon = new TreeMap<>();
            try (ObjectRuntime runtime = ObjectRuntime.builder(objectsDir).register(Notebook.NAMESPACE).clock(clock)
                    .bindings(Bindings.of(Map.of(Bindings.STATE, "do_state_stream"))).floe(client).build()) {
                ObjectStub<Notebook> ledger = runtime.get(Notebook.NAMESPACE.idFromName("ledger"));
                ObjectStub<Notebook> other = runtime.get(Notebook.NAMESPACE.idFromName("other"));
                for (int step = 0; step < 12; step++) {
                    int i = step;
                    ledger.run(n -> {
                        n.storage().put("balance", Map.of("amount", i * 10));
                        n.storage().put("entry:" + (i % 4), "step " + i);
                        if (i % 5 == 4) {
                            n.storage().delete("entry:" + ((i + 1) % 4));
                        }
                    });
                    other.run(n -> n.storage().put("balance", Map.of("amount", -i)));
                    if (clock.instant().equals(noon)) {
                        SortedMap<String, JsonNode> held = ledger.call(n -> n.storage().list(""));
                        held.forEach((key, value) -> heldAtNoon.put(key, value.toString()));
                    }
                    clock.advance(Duration.ofMinutes(30));
                }
                ledger.run(n -> n.sql().exec("INSERT INTO notes (title, words) VALUES ('captured', 3)"));
                assertThat(runtime.drain(Duration.ofSeconds(60))).isTrue();
            }
            int changes = floe.records("do_state_stream").size();

            assertThat(waitForRows(client, changes)).as("every change in the table once").isEqualTo(changes);
            SortedMap<String, String> rebuilt = stateAsOf(client, "Notebook/ledger", noon.toString());
            assertThat(heldAtNoon).containsKeys("balance", "entry:0");
            assertThat(rebuilt).isEqualTo(heldAtNoon);
            SortedMap<String, String> latest = stateAsOf(client, "Notebook/ledger", "2030-01-01T00:00:00Z");
            assertThat(latest).isNotEqualTo(rebuilt).containsEntry("balance", "{\"amount\":110}")
                    .containsEntry("notes/1", "{\"id\":1,\"title\":\"captured\",\"words\":3,\"tag\":null}");
        }
    }

    private static long waitForRows(FloeClient client, int rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            try {
                count = client.sql().query("lake", "SELECT count(*) AS n FROM do_state.changes").rows().getFirst().path("n").asLong();
                if (count >= rows) {
                    return count;
                }
            } catch (RuntimeException notYet) {
                // the table appears with the pipeline's first roll
            }
            Thread.sleep(250);
        }
        return count;
    }

    /** Folds the object's changes up to {@code moment}, in sequence order, into its key-value state. */
    private static SortedMap<String, String> stateAsOf(FloeClient client, String objectId, String moment) {
        SqlResult changes = client.sql().query("lake", "SELECT \"key\", \"value\", op FROM do_state.changes WHERE do_id = '"
                + objectId + "' AND \"timestamp\" <= TIMESTAMPTZ '" + moment + "' ORDER BY seq LIMIT 10000");
        SortedMap<String, String> state = new TreeMap<>();
        for (JsonNode change : changes.rows()) {
            if (change.path("op").asText().equals("PUT")) {
                state.put(change.path("key").asText(), change.path("value").asText());
            } else {
                state.remove(change.path("key").asText());
            }
        }
        return state;
    }
}
