package dev.floe.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.maintenance.JobOutcome.Status;
import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergClient;
import dev.floe.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's maintenance: tables are maintained as their policies (set through the API) say, each
 * job's outcome is in the metrics, rounds run by themselves, and one table is compacted at most once
 * per compaction interval.
 */
class MaintenanceSchedulerTest {
    private static final String TOKEN = "scheduler-token";
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()));

    @TempDir
    Path dataDir;

    @Test
    void onlyTablesWithMaintenanceEnabledAreMaintainedAndEveryOutcomeIsInTheMetrics() throws Exception {
        try (RunningServer server = start(Map.of("maintenance-interval", "1h", "compaction-interval", "0s",
                "cleanup-interval", "0s"));
             RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            Table on = tableWithAppends(client, "on", 6);
            Table off = tableWithAppends(client, "off", 6);
            configure(server, "lake/namespaces/db/tables/on", Map.of("compaction", Map.of("state", "enabled"),
                    "snapshot_expiration", Map.of("state", "enabled")));

            List<JobOutcome> outcomes = server.server().catalogMaintenance().runRound();

            assertThat(outcomes).extracting(JobOutcome::table).containsOnly("db.on");
            assertThat(outcomes).extracting(JobOutcome::kind).containsExactly(JobKind.COMPACTION,
                    JobKind.MANIFEST_REWRITE, JobKind.SNAPSHOT_EXPIRATION, JobKind.ORPHAN_FILE_REMOVAL);
            assertThat(outcomes.getFirst().filesIn()).isEqualTo(6);
            assertThat(outcomes.getFirst().filesOut()).isEqualTo(1);
            assertThat(outcomes.subList(1, 4)).extracting(JobOutcome::status).containsOnly(Status.IDLE);
            assertThat(TableRows.files(on)).hasSize(1);
            assertThat(TableRows.files(off)).hasSize(6);
            String metrics = HttpCall.request("GET", server.baseUrl() + "/metrics").send().text();
            assertThat(metrics)
                    .contains("floe_maintenance_jobs_seconds_count{bucket=\"lake\",kind=\"compaction\",outcome=\"success\","
                            + "table=\"db.on\"} 1")
                    .contains("floe_maintenance_jobs_seconds_count{bucket=\"lake\",kind=\"snapshot_expiration\","
                            + "outcome=\"idle\",table=\"db.on\"} 1")
                    .contains("floe_maintenance_files_in_total{bucket=\"lake\",kind=\"compaction\",table=\"db.on\"} 6")
                    .contains("floe_maintenance_files_out_total{bucket=\"lake\",kind=\"compaction\",table=\"db.on\"} 1")
                    .containsPattern("floe_maintenance_bytes_in_total\\{bucket=\"lake\",kind=\"compaction\","
                            + "table=\"db.on\"} [1-9]")
                    .doesNotContain("table=\"db.off\"");
        }
    }

    @Test
    void roundsRunByThemselvesAndCompactATableAtMostOncePerInterval() throws Exception {
        try (RunningServer server = start(Map.of("maintenance-interval", "200ms", "compaction-interval", "1h"));
             RESTCatalog client = IcebergClient.connect(server, "lake", TOKEN, IcebergClient.localFiles())) {
            Table table = tableWithAppends(client, "events", 6);
            configure(server, "lake", Map.of("compaction", Map.of("state", "enabled", "target_size_mb", "64")));

            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (TableRows.files(table).size() > 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(TableRows.files(table)).hasSize(1);

            for (long i = 10; i < 16; i++) {
                IcebergClient.append(table, Map.of(i, "later " + i));
            }
            Thread.sleep(1000);
            assertThat(TableRows.files(table)).as("not compacted again within the hour").hasSize(7);
        }
    }

    private RunningServer start(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("api-token", TOKEN);
        RunningServer server = RunningServer.start(dataDir, all);
        server.createBucketWithCatalog(TOKEN, Map.of("name", "lake"));
        return server;
    }

    private static void configure(RunningServer server, String path, Map<String, Object> body) {
        HttpCall.Answer answer = HttpCall.request("POST", server.catalogControlUrl(path + "/maintenance-configs"))
                .bearer(TOKEN).json(body).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    private static Table tableWithAppends(RESTCatalog client, String name, int appends) {
        if (!client.namespaceExists(Namespace.of("db"))) {
            client.createNamespace(Namespace.of("db"));
        }
        Table table = client.createTable(TableIdentifier.of("db", name), SCHEMA, PartitionSpec.unpartitioned());
        for (long i = 0; i < appends; i++) {
            IcebergClient.append(table, Map.of(i, name + " " + i));
        }
        return table;
    }
}
