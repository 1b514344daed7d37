package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer sends events over HTTP to a stream whose pipeline appends them, a small file a second,
 * to an Iceberg table through an {@code r2_data_catalog} sink, while the same server compacts the
 * table and expires its snapshots in the background, round after round. Afterwards every
 * acknowledged event is in the table once, the table has far fewer files than the sink appended,
 * compaction and expiration committed while the pipeline appended, and every snapshot kept still
 * reads whole.
 */
class MaintenanceConcurrencyTest {
    private static final String TOKEN = "concurrency-token";
    private static final TableIdentifier TABLE = TableIdentifier.of("shop", "events");
    /**
     * The producer sends until the sink has appended this many files and maintenance has done this
     * much meanwhile. (After the last compaction up to four files wait for the next, since it takes
     * five or more; so many files make the count's fall plain.)
     */
    private static final int FILES = 20;
    private static final int COMPACTIONS = 3;
    private static final int EXPIRATIONS = 2;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void eventsStreamedIntoATableWhileItIsCompactedAndExpiredAreNeverLostOrDoubled() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN,
                "maintenance-interval", "500ms", "compaction-interval", "0s", "cleanup-interval", "0s"))) {
            server.createBucketWithCatalog(TOKEN, Map.of("name", "lake"));
            streamWhileMaintaining(server);
        }
    }

    private void streamWhileMaintaining(RunningServer server) throws Exception {
        try (RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            String ingestUrl = server.baseUrl() + "/ingest/" + startPipeline(server);
            configureMaintenance(server, "enabled");

            List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            Thread producer = Thread.ofPlatform().name("producer").start(() -> {
                long nextId = 0;
                while (!stop.get()) {
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (int i = 0; i < 25; i++, nextId++) {
                        batch.add(Map.of("id", nextId, "payload", "event " + nextId));
                    }
                    HttpCall.Answer answer = HttpCall.request("POST", ingestUrl).bearer(TOKEN).json(batch).send();
                    if (answer.status() == 200) {
                        batch.forEach(event -> acknowledged.add((Long) event.get("id")));
                    } else {
                        failures.add(answer.toString());
                    }
                    pause(50);
                }
            });

            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline && (filesAppended(server) < FILES
                    || successes(server, "compaction") < COMPACTIONS
                    || successes(server, "snapshot_expiration") < EXPIRATIONS)) {
                Thread.sleep(250);
            }
            stop.set(true);
            producer.join();
            assertThat(failures).as("ingest requests refused").isEmpty();
            assertThat(filesAppended(server)).as("files the sink appended").isGreaterThanOrEqualTo(FILES);
            assertThat(successes(server, "compaction")).as("compactions committed while the pipeline appended")
                    .isGreaterThanOrEqualTo(COMPACTIONS);
            assertThat(successes(server, "snapshot_expiration")).as("expirations committed while the pipeline "
                    + "appended").isGreaterThanOrEqualTo(EXPIRATIONS);

            // Maintenance stops (a round in progress ends first) so that no snapshot expires while it is read.
            configureMaintenance(server, "disabled");
            server.server().catalogMaintenance().runRound();
            Table table = client.loadTable(TABLE);
            List<Long> ids = ids(table, null);
            for (long end = System.nanoTime() + DEADLINE.toNanos(); ids.size() < acknowledged.size()
                    && System.nanoTime() < end; ids = ids(table, null)) {
                Thread.sleep(250);
            }

            List<Long> expected = new ArrayList<>(acknowledged);
            Collections.sort(expected);
            Collections.sort(ids);
            assertThat(expected).hasSizeGreaterThan(1000);
            assertThat(ids).as("every acknowledged event once").containsExactlyElementsOf(expected);
            long appended = filesAppended(server);
            assertThat(TableRows.files(table).size()).as("data files now, of %s the sink appended", appended)
                    .isLessThan((int) appended / 2);
            assertThat(table.snapshots()).as("snapshots kept, of %s appends and more compactions", appended)
                    .hasSizeLessThan((int) appended);
            for (Snapshot snapshot : table.snapshots()) {
                List<Long> rows = ids(table, snapshot);
                assertThat(rows).as("snapshot %s", snapshot.snapshotId()).doesNotHaveDuplicates()
                        .hasSize(Integer.parseInt(snapshot.summary().get("total-records")));
            }
        }
    }

    /** Creates the stream, the table sink rolling every second, and the pipeline; answers the stream's id. */
    private static String startPipeline(RunningServer server) {
        String streamId = ok(HttpCall.request("POST", server.pipelinesUrl("streams")).bearer(TOKEN).body("""
                {"name":"events","schema":{"fields":[{"name":"id","type":"int64","required":true},
                  {"name":"payload","type":"string"}]}}""").send()).path("id").asText();
        ok(HttpCall.request("POST", server.pipelinesUrl("sinks")).bearer(TOKEN).body("""
                {"name":"events_table","type":"r2_data_catalog","config":{"bucket":"lake","namespace":"shop",
                  "table_name":"events","token":"catalog-token","rolling_policy":{"interval_seconds":1}}}""").send());
        ok(HttpCall.request("POST", server.pipelinesUrl("pipelines")).bearer(TOKEN).json(Map.of("name", "events_to_table",
                "sql", "INSERT INTO events_table SELECT id, payload FROM events")).send());
        return streamId;
    }

    /**
     * Compaction to the smallest target (every file of the sink is far below it) and expiration of
     * every snapshot older than a second but the last two, for the whole catalog.
     */
    private static void configureMaintenance(RunningServer server, String state) {
        ok(HttpCall.request("POST", server.catalogControlUrl("lake/maintenance-configs")).bearer(TOKEN)
                .json(Map.of("compaction", Map.of("state", state, "target_size_mb", "64"),
                        "snapshot_expiration", Map.of("state", state, "max_snapshot_age", "1s",
                                "min_snapshots_to_keep", 2))).send());
    }

    private static JsonNode ok(HttpCall.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("result");
    }

    /** How many jobs of a kind changed the table so far, from the server's metrics. */
    private static long successes(RunningServer server, String kind) {
        return (long) metric(server, "floe_maintenance_jobs_seconds_count\\{bucket=\"lake\",kind=\"" + kind
                + "\",outcome=\"success\",table=\"shop.events\"}");
    }

    private static long filesAppended(RunningServer server) {
        return (long) metric(server, "floe_sink_files_written_total\\{[^}]*sink=\"events_table\"[^}]*}");
    }

    /** A metric's value, 0 while it has none. */
    private static double metric(RunningServer server, String name) {
        String metrics = HttpCall.request("GET", server.baseUrl() + "/metrics").send().text();
        Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    /** The ids of a snapshot's rows (the current one's for {@code null}), read with Iceberg's generic reader. */
    private static List<Long> ids(Table table, Snapshot snapshot) {
        table.refresh();
        List<Long> ids = new ArrayList<>();
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table).select("id");
        if (snapshot != null) {
            scan = scan.useSnapshot(snapshot.snapshotId());
        } else if (table.currentSnapshot() == null) {
            return ids;
        }
        try (CloseableIterable<Record> records = scan.build()) {
            records.forEach(record -> ids.add((Long) record.getField("id")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
