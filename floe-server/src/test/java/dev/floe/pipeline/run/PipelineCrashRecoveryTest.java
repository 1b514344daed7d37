package dev.floe.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.testing.CrashingServerMain;
import dev.floe.testing.HttpCall;
import dev.floe.testing.IcebergFiles;
import dev.floe.testing.HttpCall.Answer;
import dev.floe.testing.ServerProcess;
import dev.floe.testing.SinkOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the server while a pipeline rolls files, at each step of the commit protocol and at random
 * moments under load, then restarts it and compares the rows in the files with what ingest
 * acknowledged: every acknowledged event exactly once, nothing that was never sent, and no file left
 * from a roll that did not commit.
 */
class PipelineCrashRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    /** What the sender knows: events the server acknowledged, and those of a request that got no answer. */
    private final Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> uncertain = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextEvent = new AtomicInteger();
    private String streamId;

    /** Where the pipeline writes: newline-delimited JSON files, or an Iceberg table. */
    enum Target { FILES, TABLE }

    private Target target = Target.FILES;

    private void createPipeline(ServerProcess server) {
        String account = server.baseUrl() + "/client/v4/accounts/" + dev.floe.testing.RunningServer.ACCOUNT;
        expectOk(HttpCall.request("POST", account + "/r2/buckets").body("{\"name\":\"lake\"}").send());
        streamId = expectOk(HttpCall.request("POST", server.pipelinesUrl("streams")).body("""
                {"name":"events","schema":{"fields":[{"name":"id","type":"string","required":true},
                  {"name":"n","type":"int64"}]}}""").send()).json().path("result").path("id").asText();
        String rolling = "\"rolling_policy\":{\"interval_seconds\":1,\"file_size_bytes\":4000}";
        if (target == Target.TABLE) {
            expectOk(HttpCall.request("POST", account + "/r2-catalog/lake/enable").send());
            expectOk(HttpCall.request("POST", server.pipelinesUrl("sinks")).body("{\"name\":\"out\",\"type\":"
                    + "\"r2_data_catalog\",\"config\":{\"bucket\":\"lake\",\"namespace\":\"crash\",\"table_name\":\"out\","
                    + rolling + "}}").send());
        } else {
            expectOk(HttpCall.request("POST", server.pipelinesUrl("sinks")).body("{\"name\":\"out\",\"type\":\"r2\","
                    + "\"format\":{\"type\":\"json\"},\"config\":{\"bucket\":\"lake\",\"path\":\"out\","
                    + "\"file_naming\":{\"strategy\":\"uuid_v7\"}," + rolling + "}}").send());
        }
        expectOk(HttpCall.request("POST", server.pipelinesUrl("pipelines")).json(Map.of("name", "copy",
                "sql", "INSERT INTO out SELECT id, n * 2 AS doubled FROM events WHERE n % 10 != 3")).send());
    }

    private static Answer expectOk(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }

    /** Sends one request of {@code size} events; false when the server could not be reached. */
    private boolean send(ServerProcess server, int size) {
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            int n = nextEvent.getAndIncrement();
            ids.add("e" + n);
            body.append(i == 0 ? "" : ",").append("{\"id\":\"e").append(n).append("\",\"n\":").append(n).append('}');
        }
        uncertain.addAll(ids);
        try {
            Answer answer = HttpCall.request("POST", server.baseUrl() + "/ingest/" + streamId)
                    .body(body.append(']').toString()).send();
            if (answer.status() == 200) {
                acknowledged.addAll(ids);
                ids.forEach(uncertain::remove);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean kept(String id) {
        return Integer.parseInt(id.substring(1)) % 10 != 3;
    }

    /** The rows the pipeline committed: in the files, or in the table's current snapshot. */
    private List<Map<String, String>> fileRows() throws Exception {
        if (target == Target.TABLE) {
            return tableRows();
        }
        Path out = dataDir.resolve("buckets").resolve("lake").resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        return SinkOutput.query("SELECT id, doubled FROM read_json('" + out + "/**/*.json', columns = {id: 'VARCHAR', "
                + "doubled: 'BIGINT'})");
    }

    /**
     * The rows of the table's current snapshot, read from the catalog database and the data files it
     * lists, as a reader that stopped the server would.
     */
    private List<Map<String, String>> tableRows() throws Exception {
        Path database = dataDir.resolve("catalog").resolve("catalog.db");
        if (!Files.exists(database)) {
            return List.of();
        }
        List<String> files = IcebergFiles.currentDataFiles(database, "crash", "out");
        if (files.isEmpty()) {
            return List.of();
        }
        return SinkOutput.query("SELECT id, doubled FROM read_parquet([" + String.join(", ", files.stream()
                .map(file -> "'" + file + "'").toList()) + "])");
    }

    /** Waits until the files hold every acknowledged kept event, then checks that they hold nothing more. */
    private void assertExactlyOnce() throws Exception {
        Set<String> expected = new HashSet<>();
        acknowledged.stream().filter(PipelineCrashRecoveryTest::kept).forEach(expected::add);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Map<String, String>> rows = fileRows();
        while (!rows.stream().map(row -> row.get("id")).collect(java.util.stream.Collectors.toSet()).containsAll(expected)) {
            assertThat(System.nanoTime()).as("all acknowledged events in files in time").isLessThan(deadline);
            Thread.sleep(200);
            rows = fileRows();
        }
        Thread.sleep(2500);
        rows = fileRows();
        List<String> ids = rows.stream().map(row -> row.get("id")).toList();
        assertThat(new HashSet<>(ids)).as("no row written twice").hasSize(ids.size());
        assertThat(ids).as("every acknowledged kept event").containsAll(expected);
        Set<String> unexpected = new HashSet<>(ids);
        unexpected.removeAll(expected);
        assertThat(unexpected).as("nothing that was never acknowledged, but for requests cut by the crash")
                .allSatisfy(id -> assertThat(uncertain).contains(id));
        assertThat(unexpected).allSatisfy(id -> assertThat(kept(id)).isTrue());
        assertThat(rows).allSatisfy(row -> assertThat(Long.parseLong(row.get("doubled")))
                .isEqualTo(2L * Integer.parseInt(row.get("id").substring(1))));
    }

    @ParameterizedTest
    @EnumSource(CommitStep.class)
    void aCrashAtAnyStepOfARollLosesAndDoublesNothing(CommitStep step) throws Exception {
        crashAt(step);
    }

    @ParameterizedTest
    @EnumSource(CommitStep.class)
    void aCrashAtAnyStepOfARollIntoATableLosesAndDoublesNothing(CommitStep step) throws Exception {
        target = Target.TABLE;
        crashAt(step);
    }

    /**
     * A compaction commits between a roll's append and its commit record: the append is then no longer
     * the table's newest snapshot, and recovery must still find it among the ancestors.
     */
    @Test
    void aCompactionBetweenARollsAppendAndItsCommitRecordLosesAndDoublesNothing() throws Exception {
        target = Target.TABLE;
        crashAt(CommitStep.PUBLISHED, () -> IcebergFiles.compact(dataDir.resolve("catalog").resolve("catalog.db"),
                dev.floe.testing.RunningServer.ACCOUNT + "_lake", "crash", "out"));
    }

    /**
     * While the server is down after a roll's append, the table is compacted and every snapshot but the
     * compaction's expires, the append's among them: recovery must still know that the roll was
     * appended, and neither append it again nor delete its files.
     */
    @Test
    void expiringTheSnapshotOfARollsAppendBeforeItsCommitRecordLosesAndDoublesNothing() throws Exception {
        target = Target.TABLE;
        Path database = dataDir.resolve("catalog").resolve("catalog.db");
        String warehouse = dev.floe.testing.RunningServer.ACCOUNT + "_lake";
        crashAt(CommitStep.PUBLISHED, () -> {
            IcebergFiles.compact(database, warehouse, "crash", "out");
            IcebergFiles.expireAllButCurrent(database, warehouse, "crash", "out");
        });
    }

    private void crashAt(CommitStep step) throws Exception {
        crashAt(step, () -> {
        });
    }

    /** @param whileDown what happens to the data between the crash and the restart */
    private void crashAt(CommitStep step, ThrowingRunnable whileDown) throws Exception {
        try (ServerProcess crashing = ServerProcess.startCrashingAt(dataDir, step, 3)) {
            createPipeline(crashing);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (crashing.process().isAlive() && System.nanoTime() < deadline) {
                send(crashing, 50);
                Thread.sleep(20);
            }
            assertThat(crashing.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(crashing.process().exitValue()).as(crashing.output()).isEqualTo(CrashingServerMain.CRASH_EXIT_CODE);
            assertThat(crashing.output()).contains("crashing at " + step);
        }
        whileDown.run();
        try (ServerProcess restarted = ServerProcess.start(dataDir)) {
            for (int i = 0; i < 5; i++) {
                assertThat(send(restarted, 50)).isTrue();
            }
            assertExactlyOnce();
            assertThat(restarted.output()).doesNotContain("failed and stopped");
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void sigkillAtRandomMomentsUnderLoadLosesAndDoublesNothing() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 4; round++) {
            try (ServerProcess server = ServerProcess.start(dataDir)) {
                if (round == 0) {
                    createPipeline(server);
                }
                AtomicBoolean sending = new AtomicBoolean(true);
                Thread sender = Thread.ofPlatform().start(() -> {
                    while (sending.get() && send(server, 20 + random.nextInt(80))) {
                        Thread.onSpinWait();
                    }
                });
                Thread.sleep(700 + random.nextInt(2000));
                server.kill();
                sending.set(false);
                sender.join(Duration.ofSeconds(30));
            }
        }
        try (ServerProcess last = ServerProcess.start(dataDir)) {
            assertThat(send(last, 10)).isTrue();
            assertExactlyOnce();
        }
    }
}
