package dev.floe.example.startups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.client.FloeClient;
import dev.floe.objects.Bindings;
import dev.floe.objects.ObjectRuntime;
import dev.floe.objects.ObjectStub;
import dev.floe.testing.RunningServer;
import dev.floe.testing.ServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example end to end, with the floe server killed (SIGKILL) while the objects are committing and
 * their outboxes delivering, then restarted: the lake tables must hold exactly the events, thing
 * versions and actions the objects committed, counted per verb, per object and per actor.
 */
class StartupsStudioEndToEndTest {
    private static final String BUCKET = "studio";
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void theTablesHoldExactlyWhatTheObjectsCommittedThoughTheServerWasKilledOnTheWay() throws Exception {
        int port = freePort();
        Path floeData = dir.resolve("floe");
        ServerProcess server = ServerProcess.startOnPort(floeData, port);
        try (FloeClient client = FloeClient.builder().baseUrl(server.baseUrl()).accountId(RunningServer.ACCOUNT)
                .build()) {
            List<String> progress = new ArrayList<>();
            new StudioLake(client, BUCKET, Duration.ofSeconds(2), progress::add).create();
            assertThat(progress).hasSize(LakeFlow.ALL.size());

            Reconciliation reconciliation;
            Map<String, Map<String, Long>> committed;
            try (ObjectRuntime runtime = ObjectRuntime.builder(dir.resolve("objects")).register(Startup.NAMESPACE)
                    .register(Human.NAMESPACE).bindings(Bindings.parseToml(StudioLake.resource("wrangler.toml")))
                    .floe(client).relayMaxBackoff(Duration.ofMillis(500)).build()) {
                Workload workload = new Workload(runtime, new Workload.Size(8, 80), 11);
                CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                    try {
                        workload.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                awaitCalls(workload, 150, running);
                server.kill();
                long callsWhenKilled = workload.calls();
                // The objects go on committing with the server gone: their calls never wait for it.
                awaitCalls(workload, callsWhenKilled + 50, running);
                server = ServerProcess.startOnPort(floeData, port);
                running.join();
                assertThat(workload.calls()).isGreaterThan(callsWhenKilled);

                reconciliation = Reconciliation.of(client, BUCKET, workload.objects());
                committed = committedCounts(workload.objects());
                assertThat(runtime.drain(PATIENCE)).as("every outbox row delivered").isTrue();
            }
            assertThat(reconciliation.awaitTables(PATIENCE, line -> { })).as("the tables caught up").isTrue();

            for (LakeFlow flow : LakeFlow.ALL) {
                assertThat(lakeCounts(client, flow.table(), "object")).as(flow.table() + " rows per object")
                        .isEqualTo(committed.get(flow.table() + " by object"));
                TableCounts stored = TableCounts.of(client, BUCKET, flow);
                assertThat(stored.rows()).as(flow.table() + " rows").isEqualTo(reconciliation.committed(flow));
                assertThat(stored.duplicates()).as(flow.table() + " rows with the same (object, seq)").isZero();
            }
            assertThat(lakeCounts(client, "do_events", "verb")).as("events per verb")
                    .isEqualTo(committed.get("events by verb"));
            assertThat(lakeCounts(client, "do_actions", "actor")).as("actions per actor")
                    .isEqualTo(committed.get("actions by actor"));
            assertThat(committed.get("actions by actor")).containsKey(Studio.NS + "/Human/" + Studio.NATHAN);

            java.io.StringWriter printed = new java.io.StringWriter();
            assertThat(reconciliation.print(new java.io.PrintWriter(printed))).isTrue();
            assertThat(printed.toString()).contains("do_events: committed=" + reconciliation.committed(LakeFlow.ALL.get(0))
                    + " stored=" + reconciliation.committed(LakeFlow.ALL.get(0)));
        } finally {
            server.close();
        }
    }

    /** The objects' own counts, keyed as the lake names things: global ids, and the namespace before local ones. */
    private static Map<String, Map<String, Long>> committedCounts(List<ObjectStub<? extends StudioObject>> objects) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (ObjectStub<? extends StudioObject> object : objects) {
            for (LakeFlow flow : LakeFlow.ALL) {
                long rows = object.call(o -> o.committed(flow.kind()));
                if (rows > 0) {
                    counts.computeIfAbsent(flow.table() + " by object", key -> new TreeMap<>())
                            .put(object.id().global(), rows);
                }
            }
            object.call(o -> o.committedBy("events", "verb"))
                    .forEach((verb, n) -> counts.computeIfAbsent("events by verb", key -> new TreeMap<>()).merge(verb, n, Long::sum));
            object.call(o -> o.committedBy("actions", "actor")).forEach((actor, n) -> counts
                    .computeIfAbsent("actions by actor", key -> new TreeMap<>()).merge(Studio.NS + "/" + actor, n, Long::sum));
        }
        return counts;
    }

    private static Map<String, Long> lakeCounts(FloeClient client, String table, String column) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode row : client.sql().query(BUCKET, "SELECT " + column + " AS value, COUNT(*) AS n FROM " + table
                + " GROUP BY 1 LIMIT 100000").rows()) {
            counts.put(row.path("value").asText(), row.path("n").asLong());
        }
        return counts;
    }

    private static void awaitCalls(Workload workload, long calls, CompletableFuture<Void> running) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (workload.calls() < calls && !running.isDone() && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
