package dev.floe.stream.log.local;

import dev.floe.stream.log.AppendResult;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.StreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.floe.stream.log.local.LogTestSupport.STREAM;
import static dev.floe.stream.log.local.LogTestSupport.appendNow;
import static dev.floe.stream.log.local.LogTestSupport.await;
import static dev.floe.stream.log.local.LogTestSupport.batch;
import static dev.floe.stream.log.local.LogTestSupport.copyDirectory;
import static dev.floe.stream.log.local.LogTestSupport.producerBatch;
import static dev.floe.stream.log.local.LogTestSupport.readAll;
import static dev.floe.stream.log.local.LogTestSupport.segmentFiles;
import static dev.floe.stream.log.local.LogTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

class ProducerDedupeTest {
    @TempDir
    Path root;

    @Test
    void aRetriedBatchIsAcknowledgedAsDuplicatesWithoutBeingAppended() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            assertThat(appendNow(log, producerBatch("p", 0, "a", "b", "c"))).isEqualTo(new AppendResult(0, 3, 0));

            assertThat(appendNow(log, producerBatch("p", 0, "a", "b", "c"))).isEqualTo(new AppendResult(3, 0, 3));
            assertThat(texts(readAll(log))).containsExactly("a", "b", "c");
        }
    }

    @Test
    void onlyTheRecordsNotYetWrittenOfAnOverlappingBatchAreAppended() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            appendNow(log, producerBatch("p", 0, "s0", "s1", "s2"));

            assertThat(appendNow(log, producerBatch("p", 1, "s1", "s2", "s3", "s4"))).isEqualTo(new AppendResult(3, 2, 2));
            assertThat(texts(readAll(log))).containsExactly("s0", "s1", "s2", "s3", "s4");
        }
    }

    @Test
    void sequencesMayHaveGapsAndOnlyTheHighestWrittenCounts() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            appendNow(log, producerBatch("p", 0, "s0", "s1"));

            assertThat(appendNow(log, producerBatch("p", 10, "s10", "s11"))).isEqualTo(new AppendResult(2, 2, 0));
            assertThat(appendNow(log, producerBatch("p", 5, "s5"))).isEqualTo(new AppendResult(4, 0, 1));
            assertThat(appendNow(log, producerBatch("p", 12, "s12"))).isEqualTo(new AppendResult(4, 1, 0));
            assertThat(texts(readAll(log))).containsExactly("s0", "s1", "s10", "s11", "s12");
        }
    }

    @Test
    void producersAreTrackedApartAndBatchesWithoutProducerAreNeverDuplicates() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            appendNow(log, producerBatch("p", 0, "p0"));

            assertThat(appendNow(log, producerBatch("q", 0, "q0")).appended()).isEqualTo(1);
            assertThat(appendNow(log, batch(1_000, "x")).appended()).isEqualTo(1);
            assertThat(appendNow(log, batch(1_000, "x")).appended()).isEqualTo(1);
        }
    }

    @Test
    void duplicatesWithinOneGroupAreDetected() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            List<CompletableFuture<AppendResult>> sent = List.of(
                    log.append(producerBatch("p", 0, "a", "b")),
                    log.append(producerBatch("p", 0, "a", "b")),
                    log.append(producerBatch("p", 1, "b", "c")));

            assertThat(sent.stream().mapToInt(future -> await(future).duplicates()).sum()).isEqualTo(3);
            assertThat(texts(readAll(log))).containsExactly("a", "b", "c");
        }
    }

    @Test
    void batchesAppendedTogetherShareOneFsyncAndAreDeduplicatedInTheirOrder() {
        ControlledDisk disk = new ControlledDisk();
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS, disk)) {
            StreamLog log = store.open(STREAM);
            appendNow(log, producerBatch("p", 0, "p0", "p1"));
            int syncsBefore = disk.syncsStarted();

            List<AppendResult> results = log.appendAll(List.of(producerBatch("p", 1, "p1", "p2"),
                    producerBatch("q", 0, "q0"), producerBatch("p", 2, "p2", "p3"), producerBatch("q", 0, "q0")))
                    .stream().map(LogTestSupport::await).toList();

            assertThat(results).containsExactly(new AppendResult(2, 1, 1), new AppendResult(3, 1, 0),
                    new AppendResult(4, 1, 1), new AppendResult(5, 0, 1));
            assertThat(disk.syncsStarted() - syncsBefore).as("fsyncs for the four batches").isEqualTo(1);
            assertThat(texts(readAll(log))).containsExactly("p0", "p1", "p2", "q0", "p3");
        }
    }

    @Test
    void aDuplicateOnlyBatchIsAcknowledgedOnlyOnceItsOriginalIsDurable() throws InterruptedException {
        ControlledDisk disk = new ControlledDisk();
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS, disk)) {
            StreamLog log = store.open(STREAM);
            disk.holdSyncs();
            try {
                CompletableFuture<AppendResult> original = log.append(producerBatch("p", 0, "a"));
                disk.awaitSyncStarted();

                CompletableFuture<AppendResult> retry = log.append(producerBatch("p", 0, "a"));
                assertThat(retry).isNotDone();

                disk.releaseSyncs();
                assertThat(await(original)).isEqualTo(new AppendResult(0, 1, 0));
                assertThat(await(retry)).isEqualTo(new AppendResult(1, 0, 1));
            } finally {
                disk.releaseSyncs();
            }
        }
    }

    @Test
    void duplicatesAreDetectedAfterACleanReopen() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            appendNow(store.open(STREAM), producerBatch("p", 0, "a", "b"));
        }
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            assertThat(appendNow(log, producerBatch("p", 1, "b", "c"))).isEqualTo(new AppendResult(2, 1, 1));
        }
    }

    @Test
    void duplicatesAreDetectedAfterACrashAcrossRolledSegments() throws IOException {
        Path crashed = root.resolve("crashed");
        try (LocalLogStore store = new LocalLogStore(root.resolve("live"), LogTestSupport.SMALL_SEGMENTS)) {
            StreamLog log = store.open(STREAM);
            appendNow(log, producerBatch("early", 0, "e0", "e1"));
            for (int i = 0; i < 20; i++) {
                appendNow(log, producerBatch("late", i, "x".repeat(100)));
            }
            assertThat(log.stats().segments()).isGreaterThan(2);
            copyDirectory(root.resolve("live").resolve(STREAM), crashed.resolve(STREAM));
        }
        try (LocalLogStore store = new LocalLogStore(crashed, LogTestSupport.SMALL_SEGMENTS)) {
            StreamLog log = store.open(STREAM);
            assertThat(appendNow(log, producerBatch("early", 0, "e0", "e1")).duplicates()).isEqualTo(2);
            assertThat(appendNow(log, producerBatch("late", 19, "x".repeat(100))).duplicates()).isEqualTo(1);
            assertThat(appendNow(log, producerBatch("late", 20, "new")).appended()).isEqualTo(1);
        }
    }

    @Test
    void duplicatesAreDetectedAfterRetentionDeletedTheProducersSegments() {
        LogConfig config = LogTestSupport.SMALL_SEGMENTS.withRetention(Duration.ZERO);
        try (LocalLogStore store = new LocalLogStore(root, config)) {
            StreamLog log = store.open(STREAM);
            appendNow(log, producerBatch("p", 0, "p0", "p1"));
            for (int i = 0; i < 20; i++) {
                appendNow(log, batch(1_000, "y".repeat(100)));
            }
            assertThat(log.enforceRetention(10_000)).isPositive();
            assertThat(log.startOffset()).isGreaterThan(2);

            assertThat(appendNow(log, producerBatch("p", 0, "p0", "p1")).duplicates()).isEqualTo(2);
        }
        try (LocalLogStore store = new LocalLogStore(root, config)) {
            StreamLog log = store.open(STREAM);
            assertThat(appendNow(log, producerBatch("p", 1, "p1", "p2"))).extracting(AppendResult::appended, AppendResult::duplicates)
                    .containsExactly(1, 1);
        }
    }

    @Test
    void sequencesCutOffByRecoveryAreNotMistakenForDuplicatesEvenAfterTheLogGrowsPastThem() throws IOException {
        Path live = root.resolve("live");
        long keptBytes;
        try (LocalLogStore store = new LocalLogStore(live, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            appendNow(log, producerBatch("p", 0, "s0", "s1"));
            keptBytes = log.stats().sizeBytes();
            appendNow(log, producerBatch("p", 2, "s2", "s3"));
        }
        try (FileChannel file = FileChannel.open(segmentFiles(live.resolve(STREAM)).getLast(), StandardOpenOption.WRITE)) {
            file.truncate(keptBytes + 5);
        }

        Path crashed = root.resolve("crashed");
        try (LocalLogStore store = new LocalLogStore(live, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            assertThat(log.endOffset()).isEqualTo(2);
            appendNow(log, batch(1_000, "x", "y"));
            copyDirectory(live.resolve(STREAM), crashed.resolve(STREAM));
        }
        try (LocalLogStore store = new LocalLogStore(crashed, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            assertThat(appendNow(log, producerBatch("p", 2, "s2", "s3"))).isEqualTo(new AppendResult(4, 2, 0));
            assertThat(texts(readAll(log))).containsExactly("s0", "s1", "x", "y", "s2", "s3");
        }
    }
}
