package dev.floe.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.client.FloeClient;
import dev.floe.testing.ResponseDroppingProxy;
import dev.floe.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbox rows delivered to a real floe server: their shapes, and exactly once through failures. */
class DeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Bindings ALL = Bindings.of(Map.of("EVENTS", "do_events_stream", "THINGS", "do_things_stream",
            "ACTIONS", "do_actions_stream", "STATE", "do_state_stream", "AUDIT", "audit_stream"));

    @TempDir
    Path serverDir;
    @TempDir
    Path objectsDir;

    private LocalFloe floe;
    private FloeClient client;
    private ObjectRuntime runtime;

    @BeforeEach
    void start() {
        floe = new LocalFloe(serverDir);
        floe.createStreams("do_events_stream", "do_things_stream", "do_actions_stream", "do_state_stream", "audit_stream");
        client = floe.client();
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        client.close();
        floe.close();
    }

    private ObjectRuntime runtime(Bindings bindings, Clock clock) {
        return ObjectRuntime.builder(objectsDir).register(Startup.NAMESPACE).register(Counter.NAMESPACE).bindings(bindings)
                .floe(client).clock(clock).relayMaxBackoff(Duration.ofMillis(300)).build();
    }

    @Test
    void everyRecordReachesItsStreamWithTheFieldsPipelinesRead() throws Exception {
        runtime = runtime(ALL, Clock.fixed(Instant.parse("2024-01-08T12:00:00Z"), ZoneOffset.UTC));
        ObjectStub<Startup> acme = runtime.get(Startup.NAMESPACE.idFromName("acme"));
        acme.run(startup -> startup.create("Human/nathan"));
        acme.run(startup -> startup.raise("Human/nathan", 5, "2024-11-15"));
        acme.run(startup -> startup.audit("checked"));

        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();

        List<JsonNode> events = floe.records("do_events_stream");
        assertThat(events).hasSize(2);
        String actionId = floe.records("do_actions_stream").getFirst().path("id").asText();
        assertThat(events.get(1)).as("the fields, in any order").isEqualTo(JSON.readTree("{\"ns\":\"https://startups.studio\",\"object\":\"Startup/acme\","
                + "\"seq\":" + events.get(1).path("seq").asLong() + ",\"verb\":\"raised\",\"source\":\"Startup/acme\","
                + "\"sourceType\":\"Startup\",\"data\":{\"amount\":5,\"raisedAt\":\"2024-11-15\"},\"actionId\":\""
                + actionId + "\",\"timestamp\":\"2024-01-08T12:00:00.000Z\"}"));
        assertThat(events.getFirst().path("actionId").isNull()).isTrue();

        List<JsonNode> things = floe.records("do_things_stream");
        assertThat(things).extracting(thing -> thing.path("version").asInt()).containsExactly(1, 2);
        assertThat(things.get(1).path("id").asText()).isEqualTo("Startup/acme");
        assertThat(things.get(1).path("type").asText()).isEqualTo("Startup");
        assertThat(things.get(1).path("data").path("raisedAt").asText()).isEqualTo("2024-11-15");
        assertThat(things.get(1).path("createdAt").asText()).isEqualTo("2024-01-08T12:00:00.000Z");
        assertThat(things.get(1).path("updatedAt").asText()).isEqualTo("2024-01-08T12:00:00.000Z");

        JsonNode action = floe.records("do_actions_stream").getFirst();
        assertThat(action.path("actor").asText()).isEqualTo("Human/nathan");
        assertThat(action.path("verb").asText()).isEqualTo("raise");
        assertThat(action.path("target").asText()).isEqualTo("Startup/acme");
        assertThat(action.path("input").toString()).isEqualTo("{\"amount\":5}");
        assertThat(action.path("output").asLong()).isEqualTo(5);
        assertThat(action.path("status").asText()).isEqualTo("completed");
        assertThat(action.path("completedAt").asText()).isEqualTo("2024-01-08T12:00:00.000Z");

        JsonNode state = floe.records("do_state_stream").getFirst();
        assertThat(state.toString()).isEqualTo("{\"do_id\":\"Startup/acme\",\"ns\":\"https://startups.studio\",\"type\":"
                + "\"Startup\",\"key\":\"raised\",\"value\":\"5\",\"op\":\"PUT\",\"timestamp\":1704715200000,\"seq\":"
                + state.path("seq").asLong() + "}");

        assertThat(floe.records("audit_stream")).singleElement().satisfies(record -> {
            assertThat(record.path("note").asText()).isEqualTo("checked");
            assertThat(record.path("object").asText()).isEqualTo("Startup/acme");
        });
        Set<Long> seqs = new HashSet<>();
        for (String stream : List.of("do_events_stream", "do_things_stream", "do_actions_stream", "do_state_stream")) {
            floe.records(stream).forEach(record -> assertThat(seqs.add(record.path("seq").asLong())).as("seq unique per object").isTrue());
        }
        Object left = acme.call(startup -> startup.ctx().storage().sql().exec("SELECT count(*) AS n FROM _floe_outbox").one().get("n"));
        assertThat(left).as("delivered rows are deleted").isEqualTo(0L);
    }

    @Test
    void aFailedCallDeliversNothingAndAnUnboundTableGetsNoOutboxRows() throws Exception {
        runtime = runtime(Bindings.of(Map.of("EVENTS", "do_events_stream")), Clock.systemUTC());
        ObjectStub<Counter> counter = runtime.get(Counter.NAMESPACE.idFromName("c"));
        counter.call(Counter::increment);
        assertThatThrownBy(() -> counter.call(Counter::incrementAndFail)).hasMessage("failing on purpose");
        counter.call(Counter::increment);

        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();

        assertThat(floe.records("do_events_stream")).extracting(event -> event.path("data").path("count").asLong())
                .containsExactly(1L, 2L);
        assertThat(floe.records("do_state_stream")).as("STATE is not bound").isEmpty();
        Object outbox = counter.call(c -> c.ctx().storage().sql().exec("SELECT count(*) AS n FROM _floe_outbox").one().get("n"));
        assertThat(outbox).isEqualTo(0L);
    }

    @Test
    void callsCommitWhileTheServerIsDownAndEverythingArrivesOnceWhenItIsBack() throws Exception {
        runtime = runtime(ALL, Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            runtime.get(Counter.NAMESPACE.idFromName("before-" + i)).call(Counter::increment);
        }
        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();
        floe.stop();

        long started = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 30; i++) {
                runtime.get(Counter.NAMESPACE.idFromName("down-" + i)).call(Counter::increment);
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("commits do not wait for the server")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(runtime.drain(Duration.ofSeconds(2))).as("nothing can be delivered yet").isFalse();
        Thread.sleep(1500);
        floe.start();

        assertThat(runtime.drain(Duration.ofSeconds(60))).isTrue();
        for (String stream : List.of("do_events_stream", "do_state_stream")) {
            List<JsonNode> records = floe.records(stream);
            assertThat(records).as(stream).hasSize(10 + 30 * 20);
            assertThat(records.stream().map(r -> r.path("object").asText() + r.path("do_id").asText() + "#"
                    + r.path("seq").asLong()).distinct().count()).as(stream + ": no duplicates").isEqualTo(records.size());
        }
    }

    @Test
    void theRowsOfManyObjectsShareRequestsAndArriveOnceThroughLostAnswersAndARestart() throws Exception {
        Bindings both = Bindings.of(Map.of("EVENTS", "do_events_stream", "STATE", "do_state_stream"));
        int objects = 60;
        // Committed with no relay running, so that every object waits when the relay starts.
        try (ObjectRuntime offline = ObjectRuntime.builder(objectsDir).register(Counter.NAMESPACE).bindings(both).build()) {
            incrementEach(offline, objects, 2);
        }
        try (ResponseDroppingProxy proxy = new ResponseDroppingProxy(floe.server().server().port(), 2);
             FloeClient throughProxy = FloeClient.builder().baseUrl(proxy.baseUrl()).accountId(RunningServer.ACCOUNT)
                     .retryDeadline(Duration.ofSeconds(5)).build()) {
            runtime = ObjectRuntime.builder(objectsDir).register(Counter.NAMESPACE).bindings(both).floe(throughProxy)
                    .relayMaxBackoff(Duration.ofMillis(300)).build();
            assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();

            assertThat(proxy.forwarded()).as("requests for the rows of %d objects to two streams (two answers lost): fewer than one per object",
                    objects).isLessThan(objects);
            assertDeliveredOnce(objects * 2);
            runtime.close();
        }

        floe.stop();
        runtime = runtime(both, Clock.systemUTC());
        incrementEach(runtime, objects, 1);
        assertThat(runtime.drain(Duration.ofSeconds(1))).as("nothing can be delivered yet").isFalse();
        runtime.close();
        runtime = runtime(both, Clock.systemUTC());
        floe.start();

        assertThat(runtime.drain(Duration.ofSeconds(60))).isTrue();
        assertDeliveredOnce(objects * 3);
    }

    private static void incrementEach(ObjectRuntime runtime, int objects, int times) {
        for (int round = 0; round < times; round++) {
            for (int i = 0; i < objects; i++) {
                runtime.get(Counter.NAMESPACE.idFromName("many-" + i)).call(Counter::increment);
            }
        }
    }

    private void assertDeliveredOnce(int records) {
        for (String stream : List.of("do_events_stream", "do_state_stream")) {
            List<JsonNode> delivered = floe.records(stream);
            assertThat(delivered).as(stream).hasSize(records);
            assertThat(delivered.stream().map(r -> r.path("object").asText() + r.path("do_id").asText() + "#"
                    + r.path("seq").asLong()).distinct().count()).as(stream + ": no duplicates").isEqualTo(records);
        }
    }

    @Test
    void aBusyObjectSendsEachRowOnceThoughItsDeliveredRowsAreDeletedLater() throws Exception {
        runtime = runtime(Bindings.of(Map.of("EVENTS", "do_events_stream")), Clock.systemUTC());
        ObjectStub<Counter> counter = runtime.get(Counter.NAMESPACE.idFromName("steady"));
        // A call every few milliseconds for longer than a second: every relay turn finds new rows after
        // those it delivered, which wait to be deleted together.
        int calls = 0;
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < end) {
            counter.call(Counter::increment);
            calls++;
            Thread.sleep(3);
        }
        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();

        List<JsonNode> events = floe.records("do_events_stream");
        assertThat(events).extracting(event -> event.path("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, calls).boxed().toList());
        assertThat(floe.duplicates("do_events_stream")).as("rows sent again").isZero();
        long left = counter.callWithoutTransaction(c -> ((Number) c.ctx().storage().sql()
                .exec("SELECT count(*) AS n FROM _floe_outbox").one().get("n")).longValue());
        assertThat(left).as("delivered rows left in the outbox once the object is idle").isZero();
    }

    @Test
    void sequenceNumbersNeverRepeatAfterDeliveredRowsAreDeletedAndTheRuntimeRestarts() throws Exception {
        Bindings events = Bindings.of(Map.of("EVENTS", "do_events_stream"));
        runtime = runtime(events, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            runtime.get(Counter.NAMESPACE.idFromName("c")).call(Counter::increment);
        }
        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();
        runtime.close();

        runtime = runtime(events, Clock.systemUTC());
        runtime.get(Counter.NAMESPACE.idFromName("c")).call(Counter::increment);
        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();

        assertThat(floe.records("do_events_stream")).extracting(event -> event.path("seq").asLong())
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anOutboxOfTheFirstSchemaKeepsItsRowsAndItsNumbers() throws Exception {
        Bindings events = Bindings.of(Map.of("EVENTS", "do_events_stream"));
        // The first schema, as if rows 3 to 10 had been delivered and deleted since.
        rewrite(objectWithTwoWaitingEvents(events), outboxAs("CREATE TABLE _floe_outbox (seq INTEGER PRIMARY KEY"
                + " AUTOINCREMENT, binding TEXT NOT NULL, payload TEXT NOT NULL);"
                + "CREATE INDEX _floe_outbox_by_binding ON _floe_outbox (binding, seq);")
                + "UPDATE sqlite_sequence SET seq = 10 WHERE name = '_floe_outbox';"
                + "DROP TABLE _floe_delivery;"
                + "CREATE TABLE _floe_delivery (binding TEXT PRIMARY KEY, next INTEGER NOT NULL) WITHOUT ROWID;"
                + "INSERT INTO _floe_delivery (binding, next) VALUES ('EVENTS', 8);"
                + "UPDATE _floe_meta SET value = '1' WHERE key = 'schema_version';");

        assertThat(deliverOneMoreEvent(events)).containsExactly(1L, 2L, 11L);
    }

    @Test
    void anOutboxKeyedByBindingKeepsItsRowsAndItsNumbers() throws Exception {
        Bindings events = Bindings.of(Map.of("EVENTS", "do_events_stream"));
        // The second schema, as if rows 3 to 10 had been delivered and deleted since.
        rewrite(objectWithTwoWaitingEvents(events), outboxAs("CREATE TABLE _floe_outbox (binding TEXT NOT NULL,"
                + " seq INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (binding, seq)) WITHOUT ROWID;")
                + "INSERT INTO _floe_delivery (binding, next, last_seq) VALUES ('EVENTS', 8, 10);"
                + "UPDATE _floe_meta SET value = '2' WHERE key = 'schema_version';");

        assertThat(deliverOneMoreEvent(events)).containsExactly(1L, 2L, 11L);
    }

    /** An object that emitted two events without a server; returns its database. */
    private Path objectWithTwoWaitingEvents(Bindings bindings) throws Exception {
        try (ObjectRuntime offline = ObjectRuntime.builder(objectsDir).register(Counter.NAMESPACE).bindings(bindings).build()) {
            ObjectStub<Counter> counter = offline.get(Counter.NAMESPACE.idFromName("old"));
            counter.call(Counter::increment);
            counter.call(Counter::increment);
        }
        try (Stream<Path> files = Files.walk(objectsDir.resolve("objects"))) {
            return files.filter(file -> file.toString().endsWith(".db")).findFirst().orElseThrow();
        }
    }

    /** Statements that move the outbox's rows into the table {@code create} makes, as an older schema had it. */
    private static String outboxAs(String create) {
        return "ALTER TABLE _floe_outbox RENAME TO waiting;" + create
                + "INSERT INTO _floe_outbox (seq, binding, payload) SELECT seq, binding, payload FROM waiting;"
                + "DROP TABLE waiting;";
    }

    private static void rewrite(Path database, String statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(statements);
        }
    }

    /** Opens the object with a server, has it emit one more event, and returns the {@code seq}s its stream got. */
    private List<Long> deliverOneMoreEvent(Bindings bindings) throws Exception {
        runtime = runtime(bindings, Clock.systemUTC());
        runtime.get(Counter.NAMESPACE.idFromName("old")).call(Counter::increment);
        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();
        return floe.records("do_events_stream").stream().map(event -> event.path("seq").asLong()).toList();
    }

    @Test
    void aCallWritesOnePageForItsOutboxRowsWhateverTheirBindings() {
        Bindings two = Bindings.of(Map.of("EVENTS", "do_events_stream", "STATE", "do_state_stream"));
        try (ObjectRuntime offline = ObjectRuntime.builder(objectsDir).register(Counter.NAMESPACE).bindings(two).build()) {
            ObjectStub<Counter> counter = offline.get(Counter.NAMESPACE.idFromName("steady"));
            for (int i = 0; i < 20; i++) {
                counter.call(Counter::increment);
            }
            Map<String, Object> emptied = checkpoint(counter);
            assertThat(emptied.get("checkpointed")).as("every page copied, so the next commit starts the log again")
                    .isEqualTo(emptied.get("log"));
            int calls = 100;
            for (int i = 0; i < calls; i++) {
                counter.call(Counter::increment);
            }
            double pagesPerCall = ((Long) checkpoint(counter).get("log")) / (double) calls;
            assertThat(pagesPerCall).as("pages a call writes: its key-value pair's, its event's, one for both outbox rows,"
                    + " and now and then a new page where a table grows").isLessThan(4.0);
        }
    }

    private static Map<String, Object> checkpoint(ObjectStub<Counter> counter) {
        return counter.callWithoutTransaction(c -> c.ctx().storage().sql().exec("PRAGMA wal_checkpoint(PASSIVE)").one());
    }

    @Test
    void theRuntimeCheckpointsTheWriteAheadLogSoThatCallsDoNot() throws Exception {
        runtime = runtime(Bindings.of(Map.of("EVENTS", "do_events_stream")), Clock.systemUTC());
        ObjectStub<Counter> counter = runtime.get(Counter.NAMESPACE.idFromName("busy"));
        for (int i = 0; i < 300; i++) {
            counter.call(Counter::increment);
        }
        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();

        Map<String, Object> wal = checkpoint(counter);
        assertThat((Long) wal.get("log")).as("WAL pages since the last checkpoint, of about 1,000 the calls wrote")
                .isLessThan(300L);
    }

    @Test
    void aRolledBackSavepointTakesItsRecordsAndOnlyThose() throws Exception {
        runtime = runtime(Bindings.of(Map.of("EVENTS", "do_events_stream", "STATE", "do_state_stream")), Clock.systemUTC());
        ObjectStub<Counter> counter = runtime.get(Counter.NAMESPACE.idFromName("careful"));
        assertThat(counter.call(Counter::incrementThenFailInside)).isEqualTo(1);
        assertThat(counter.call(Counter::incrementThenFailInside)).isEqualTo(2);

        assertThat(runtime.drain(Duration.ofSeconds(30))).isTrue();
        assertThat(floe.records("do_events_stream")).extracting(event -> event.path("data").path("count").asLong())
                .containsExactly(1L, 2L);
        assertThat(floe.records("do_state_stream")).extracting(change -> change.path("value").asText())
                .containsExactly("1", "2");
    }
}
