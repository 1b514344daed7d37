package dev.floe.stream.log.local;

import dev.floe.error.ErrorCode;
import dev.floe.stream.log.AppendBatch;
import dev.floe.stream.log.AppendResult;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.log.StreamLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.floe.stream.log.local.LogTestSupport.STREAM;
import static dev.floe.stream.log.local.LogTestSupport.appendNow;
import static dev.floe.stream.log.local.LogTestSupport.assertFails;
import static dev.floe.stream.log.local.LogTestSupport.await;
import static dev.floe.stream.log.local.LogTestSupport.batch;
import static dev.floe.stream.log.local.LogTestSupport.failureOf;
import static dev.floe.stream.log.local.LogTestSupport.readAll;
import static dev.floe.stream.log.local.LogTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

class LocalStreamLogTest {
    @TempDir
    Path root;

    private final ControlledDisk disk = new ControlledDisk();
    private LocalLogStore store;

    private StreamLog open(LogConfig config) {
        store = new LocalLogStore(root, config, disk);
        return store.open(STREAM);
    }

    @AfterEach
    void closeStore() {
        disk.releaseSyncs();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void appendedRecordsReadBackWithOffsetsAndIngestTimes() {
        StreamLog log = open(LogConfig.DEFAULTS);

        assertThat(appendNow(log, batch(1_000, "a", "b", "c"))).isEqualTo(new AppendResult(0, 3, 0));
        assertThat(appendNow(log, batch(2_000, "d", "e"))).isEqualTo(new AppendResult(3, 2, 0));

        List<LogRecord> records = log.read(0, 100, 1 << 20);
        assertThat(records).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(records).extracting(LogRecord::ingestTimeMillis).containsExactly(1_000L, 1_000L, 1_000L, 2_000L, 2_000L);
        assertThat(texts(records)).containsExactly("a", "b", "c", "d", "e");
        assertThat(log.startOffset()).isZero();
        assertThat(log.endOffset()).isEqualTo(5);
    }

    @Test
    void readStartsInTheMiddleOfABatch() {
        StreamLog log = open(LogConfig.DEFAULTS);
        appendNow(log, batch(1_000, "r0", "r1", "r2", "r3", "r4", "r5"));
        appendNow(log, batch(1_000, "r6"));

        assertThat(texts(log.read(4, 100, 1 << 20))).containsExactly("r4", "r5", "r6");
        assertThat(log.read(4, 1, 1 << 20).getFirst().offset()).isEqualTo(4);
    }

    @Test
    void readStopsAtTheRecordAndByteLimitsButReturnsAtLeastOneRecord() {
        StreamLog log = open(LogConfig.DEFAULTS);
        String hundredBytes = "x".repeat(100);
        appendNow(log, batch(1_000, hundredBytes, hundredBytes, hundredBytes, hundredBytes, hundredBytes));

        assertThat(log.read(0, 3, 1 << 20)).hasSize(3);
        assertThat(log.read(0, 100, 250)).hasSize(2);
        assertThat(log.read(0, 100, 200)).hasSize(2);
        assertThat(log.read(0, 100, 10)).hasSize(1);
        assertThat(log.read(1, 100, 1 << 20)).extracting(LogRecord::offset).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void readAtOrPastTheEndIsEmptyAndInvalidArgumentsAreRefused() {
        StreamLog log = open(LogConfig.DEFAULTS);
        assertThat(log.read(0, 10, 100)).isEmpty();
        appendNow(log, batch(1_000, "a"));

        assertThat(log.read(1, 10, 100)).isEmpty();
        assertThat(log.read(50, 10, 100)).isEmpty();
        assertFails(() -> log.read(-1, 10, 100), ErrorCode.INVALID_REQUEST, "offset");
        assertFails(() -> log.read(0, 0, 100), ErrorCode.INVALID_REQUEST, "limits");
        assertFails(() -> log.read(0, 10, 0), ErrorCode.INVALID_REQUEST, "limits");
    }

    @Test
    void payloadBuffersAreReadWithoutBeingMoved() {
        StreamLog log = open(LogConfig.DEFAULTS);
        ByteBuffer payload = ByteBuffer.wrap("--payload--".getBytes()).position(2).limit(9);

        appendNow(log, new AppendBatch(List.of(payload), null, 0, 1_000));

        assertThat(payload.position()).isEqualTo(2);
        assertThat(payload.limit()).isEqualTo(9);
        assertThat(texts(log.read(0, 1, 100))).containsExactly("payload");
    }

    @Test
    void recordsBecomeReadableAndAcknowledgedOnlyOnceFsynced() throws InterruptedException {
        StreamLog log = open(LogConfig.DEFAULTS);
        disk.holdSyncs();

        CompletableFuture<AppendResult> pending = log.append(batch(1_000, "a"));
        disk.awaitSyncStarted();

        assertThat(pending).isNotDone();
        assertThat(log.endOffset()).isZero();
        assertThat(log.read(0, 10, 100)).isEmpty();
        assertThat(log.stats().pendingBytes()).isEqualTo(1);

        disk.releaseSyncs();
        assertThat(await(pending).firstOffset()).isZero();
        assertThat(texts(log.read(0, 10, 100))).containsExactly("a");
        assertThat(log.stats().pendingBytes()).isZero();
    }

    @Test
    void appendsAreRefusedWhileTooManyBytesWaitToBeWritten() throws InterruptedException {
        StreamLog log = open(LogConfig.DEFAULTS.withMaxPendingBytes(1_000));
        disk.holdSyncs();
        CompletableFuture<AppendResult> first = log.append(batch(1_000, "x".repeat(600)));
        disk.awaitSyncStarted();

        assertFails(() -> log.append(batch(1_000, "y".repeat(500))), ErrorCode.TOO_MANY_REQUESTS,
                STREAM, "600 bytes waiting", "retry later");
        CompletableFuture<AppendResult> fitting = log.append(batch(1_000, "z".repeat(400)));

        disk.releaseSyncs();
        assertThat(await(first).firstOffset()).isZero();
        assertThat(await(fitting).firstOffset()).isEqualTo(1);
        assertThat(appendNow(log, batch(1_000, "y".repeat(500))).firstOffset()).isEqualTo(2);
    }

    @Test
    void aBatchLargerThanThePendingLimitIsAcceptedWhenNothingElseWaits() {
        StreamLog log = open(LogConfig.DEFAULTS.withMaxPendingBytes(10));

        assertThat(appendNow(log, batch(1_000, "x".repeat(100))).appended()).isEqualTo(1);
    }

    @Test
    void aFailedFsyncFailsTheGroupAndEveryLaterAppendButKeepsDurableRecordsReadable() {
        StreamLog log = open(LogConfig.DEFAULTS);
        appendNow(log, batch(1_000, "durable"));

        disk.failSyncs(new IOException("simulated disk failure"));
        assertThat(failureOf(log.append(batch(1_000, "lost"))))
                .satisfies(failure -> assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("stream log " + STREAM)
                .hasMessageContaining("simulated disk failure");
        assertThat(failureOf(log.append(batch(1_000, "later"))).code()).isEqualTo(ErrorCode.UNAVAILABLE);

        assertThat(log.endOffset()).isEqualTo(1);
        assertThat(texts(log.read(0, 10, 100))).containsExactly("durable");
    }

    @Test
    void aLogReopenedAfterADiskFailureAcceptsAppendsAgain() {
        StreamLog log = open(LogConfig.DEFAULTS);
        appendNow(log, batch(1_000, "durable"));
        disk.failSyncs(new IOException("simulated disk failure"));
        failureOf(log.append(batch(1_000, "unacknowledged")));
        log.close();
        store.close();

        store = new LocalLogStore(root, LogConfig.DEFAULTS);
        StreamLog reopened = store.open(STREAM);
        long end = reopened.endOffset();
        assertThat(appendNow(reopened, batch(1_000, "after")).firstOffset()).isEqualTo(end);
        assertThat(texts(readAll(reopened))).startsWith("durable").endsWith("after");
    }

    @Test
    void closeDrainsQueuedAppendsAndLaterAppendsFail() {
        StreamLog log = open(LogConfig.DEFAULTS);
        List<CompletableFuture<AppendResult>> queued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queued.add(log.append(batch(1_000, "r" + i)));
        }

        log.close();

        assertThat(queued).allSatisfy(future -> assertThat(future).isCompleted());
        assertThat(queued.stream().mapToInt(future -> future.join().appended()).sum()).isEqualTo(200);
        assertThat(failureOf(log.append(batch(1_000, "too late"))))
                .satisfies(failure -> assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("closed");
        assertFails(() -> log.read(0, 1, 1), ErrorCode.UNAVAILABLE, "closed");

        StreamLog reopened = store.open(STREAM);
        assertThat(reopened).isNotSameAs(log);
        assertThat(reopened.endOffset()).isEqualTo(200);
        assertThat(texts(reopened.read(199, 1, 100))).containsExactly("r199");
    }

    @Test
    void anInterruptedReadFailsAloneAndLaterReadsAndAppendsWork() {
        StreamLog log = open(LogConfig.DEFAULTS);
        appendNow(log, batch(1_000, "a", "b"));

        Thread.currentThread().interrupt();
        try {
            assertFails(() -> log.read(0, 10, 100), ErrorCode.UNAVAILABLE, "could not read");
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }

        assertThat(texts(log.read(0, 10, 100))).containsExactly("a", "b");
        assertThat(appendNow(log, batch(1_000, "c")).firstOffset()).isEqualTo(2);
        assertThat(texts(log.read(0, 10, 100))).containsExactly("a", "b", "c");
    }

    @Test
    void anEmptyBatchAppendsNothing() {
        StreamLog log = open(LogConfig.DEFAULTS);
        appendNow(log, batch(1_000, "a"));

        assertThat(appendNow(log, batch(1_000))).isEqualTo(new AppendResult(1, 0, 0));
        assertThat(log.endOffset()).isEqualTo(1);
    }

    @Test
    void aProducerIdLongerThanAllowedIsRefused() {
        StreamLog log = open(LogConfig.DEFAULTS);
        AppendBatch batch = LogTestSupport.producerBatch("p".repeat(AppendBatch.MAX_PRODUCER_ID_BYTES + 1), 0, "a");

        assertFails(() -> log.append(batch), ErrorCode.INVALID_REQUEST, "producer id");
    }

    @Test
    void statsCountSegmentsBytesAndOffsets() {
        StreamLog log = open(LogConfig.DEFAULTS);
        appendNow(log, batch(1_000, "abc"));

        assertThat(log.stats().startOffset()).isZero();
        assertThat(log.stats().endOffset()).isEqualTo(1);
        assertThat(log.stats().segments()).isEqualTo(1);
        assertThat(log.stats().sizeBytes()).isEqualTo(BatchCodec.encodedSize(0, 1, 3));
    }
}
