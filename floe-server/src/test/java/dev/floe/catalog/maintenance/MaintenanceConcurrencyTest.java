package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.maintenance.JobOutcome.Status;
import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer appends to a table through Iceberg's REST client without pause while the server compacts it
 * and expires its snapshots round after round. Afterwards no row is lost or doubled, the table has far
 * fewer files than were appended, and every snapshot kept still reads whole.
 */
class MaintenanceConcurrencyTest {
    private static final String TOKEN = "concurrency-token";
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    /** Rounds run while the writer appends, until these many have compacted something and expired something. */
    private static final int COMPACTIONS = 4;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    @Test
    void appendsRacingCompactionAndExpirationAreNeverLostOrDoubled() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("api-token", TOKEN,
                "maintenance-interval", "1h", "compaction-interval", "0s", "cleanup-interval", "0s"));
             RESTCatalog client = start(server)) {
            Table table = client.createTable(TableIdentifier.of("db", "events"), TableRows.SCHEMA, TableRows.SPEC);
            HttpCall.Answer configured = HttpCall.request("POST",
                            server.catalogControlUrl("lake/namespaces/db/tables/events/maintenance-configs"))
                    .bearer(TOKEN).json(Map.of("compaction", Map.of("state", "enabled", "target_size_mb", "64"),
                            "snapshot_expiration", Map.of("state", "enabled", "max_snapshot_age", "1s",
                                    "min_snapshots_to_keep", 3))).send();
            assertThat(configured.status()).as(configured.toString()).isEqualTo(200);

            List<Long> committed = Collections.synchronizedList(new ArrayList<>());
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger filesAppended = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().name("appender").start(() -> {
                Random random = new Random(7);
                long nextId = 0;
                while (!stop.get()) {
                    List<Record> rows = new ArrayList<>(TableRows.random(table, random, MONDAY, nextId, 10));
                    rows.addAll(TableRows.random(table, random, MONDAY.plusDays(1), nextId + 10, 10));
                    try {
                        filesAppended.addAndGet(IcebergClient.append(table, rows).size());
                        rows.forEach(row -> committed.add((Long) row.getField("id")));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                    nextId += 20;
                }
            });

            List<JobOutcome> outcomes = new ArrayList<>();
            Instant deadline = Instant.now().plus(DEADLINE);
            while (Instant.now().isBefore(deadline) && (count(outcomes, JobKind.COMPACTION) < COMPACTIONS
                    || count(outcomes, JobKind.SNAPSHOT_EXPIRATION) == 0)) {
                Thread.sleep(300);
                outcomes.addAll(server.server().catalogMaintenance().runRound());
            }
            stop.set(true);
            writer.join();
            outcomes.addAll(server.server().catalogMaintenance().runRound());

            assertThat(failures).as("appends that failed").isEmpty();
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.success()).as(outcome.toString()).isTrue());
            assertThat(count(outcomes, JobKind.COMPACTION)).as("compactions while appending").isGreaterThanOrEqualTo(
                    COMPACTIONS);
            assertThat(count(outcomes, JobKind.SNAPSHOT_EXPIRATION)).as("expirations while appending").isPositive();
            table.refresh();
            List<Long> ids = ids(table, table.currentSnapshot());
            Collections.sort(ids);
            Collections.sort(committed);
            assertThat(committed).hasSizeGreaterThan(200);
            assertThat(ids).as("every committed row once").containsExactlyElementsOf(committed);
            assertThat(TableRows.files(table).size()).as("files now, of %s appended", filesAppended.get())
                    .isLessThan(filesAppended.get() / 4);
            for (Snapshot snapshot : table.snapshots()) {
                assertThat(ids(table, snapshot)).as("snapshot %s", snapshot.snapshotId())
                        .hasSize(Integer.parseInt(snapshot.summary().get("total-records")));
            }
        }
    }

    /** How many jobs of a kind changed the table. */
    private static long count(List<JobOutcome> outcomes, JobKind kind) {
        return outcomes.stream().filter(outcome -> outcome.kind() == kind && outcome.status() == Status.DONE).count();
    }

    private static RESTCatalog start(RunningServer server) {
        server.createBucketWithCatalog(TOKEN, Map.of("name", "lake"));
        RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles());
        client.createNamespace(Namespace.of("db"));
        return client;
    }

    /** The ids of a snapshot's rows, read with Iceberg's generic reader (every file of it must be there). */
    private static List<Long> ids(Table table, Snapshot snapshot) {
        List<Long> ids = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId())
                .select("id").build()) {
            records.forEach(record -> ids.add((Long) record.getField("id")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
