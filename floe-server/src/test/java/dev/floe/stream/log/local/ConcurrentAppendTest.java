package dev.floe.stream.log.local;

import dev.floe.stream.log.AppendResult;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.log.StreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.floe.stream.log.local.LogTestSupport.STREAM;
import static dev.floe.stream.log.local.LogTestSupport.appendNow;
import static dev.floe.stream.log.local.LogTestSupport.batch;
import static dev.floe.stream.log.local.LogTestSupport.readAll;
import static dev.floe.stream.log.local.LogTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentAppendTest {
    private static final int APPENDERS = 16;
    private static final int BATCHES_PER_APPENDER = 150;
    private static final int RECORDS_PER_BATCH = 10;

    @TempDir
    Path root;

    @Test
    void everyAcknowledgedRecordIsReadExactlyOnceInItsAppendersOrder() throws Exception {
        LogConfig config = LogConfig.DEFAULTS.withSegmentBytes(256 << 10);
        ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        try (LocalLogStore store = new LocalLogStore(root, config)) {
            StreamLog log = store.open(STREAM);
            AtomicBoolean appending = new AtomicBoolean(true);
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Long> tailer = threads.submit(() -> tail(log, appending));
                List<Future<?>> appenders = new ArrayList<>();
                for (int appender = 0; appender < APPENDERS; appender++) {
                    int id = appender;
                    appenders.add(threads.submit(() -> {
                        start.await();
                        for (int b = 0; b < BATCHES_PER_APPENDER; b++) {
                            String[] records = recordsOf(id, b);
                            acknowledged.add(new Acknowledged(records, appendNow(log, batch(b, records))));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> appender : appenders) {
                    appender.get();
                }
                appending.set(false);
                assertThat(tailer.get()).isEqualTo((long) APPENDERS * BATCHES_PER_APPENDER * RECORDS_PER_BATCH);
            }

            List<LogRecord> records = readAll(log);
            assertThat(records).hasSize(APPENDERS * BATCHES_PER_APPENDER * RECORDS_PER_BATCH);
            assertThat(log.stats().segments()).isGreaterThan(1);
            assertContiguousAndInAppenderOrder(records);
            assertThat(acknowledged).hasSize(APPENDERS * BATCHES_PER_APPENDER).allSatisfy(append -> {
                assertThat(append.result().appended()).isEqualTo(RECORDS_PER_BATCH);
                int first = (int) append.result().firstOffset();
                assertThat(records.subList(first, first + RECORDS_PER_BATCH)).extracting(LogTestSupport::text)
                        .containsExactly(append.records());
            });
        }
    }

    private record Acknowledged(String[] records, AppendResult result) {
    }

    /** Reads the log while it is being written, checking that it only ever sees whole, contiguous data. */
    private static long tail(StreamLog log, AtomicBoolean appending) {
        long next = 0;
        while (appending.get() || next < log.endOffset()) {
            List<LogRecord> records = log.read(next, 500, 1 << 20);
            for (LogRecord record : records) {
                assertThat(record.offset()).isEqualTo(next);
                next++;
            }
            if (records.isEmpty()) {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
        return next;
    }

    private static String[] recordsOf(int appender, int batch) {
        String[] records = new String[RECORDS_PER_BATCH];
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            records[i] = appender + "-" + batch + "-" + i;
        }
        return records;
    }

    private static void assertContiguousAndInAppenderOrder(List<LogRecord> records) {
        Map<Integer, Integer> lastBatchOf = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            LogRecord record = records.get(i);
            assertThat(record.offset()).isEqualTo(i);
            String[] parts = text(record).split("-");
            int appender = Integer.parseInt(parts[0]);
            int batch = Integer.parseInt(parts[1]);
            int index = Integer.parseInt(parts[2]);
            assertThat(record.ingestTimeMillis()).isEqualTo(batch);
            int expectedBatch = index == 0 ? lastBatchOf.getOrDefault(appender, -1) + 1 : lastBatchOf.get(appender);
            assertThat(batch).as("batch of appender %d at offset %d", appender, i).isEqualTo(expectedBatch);
            if (index == 0) {
                lastBatchOf.put(appender, batch);
            } else {
                assertThat(text(records.get(i - 1))).isEqualTo(appender + "-" + batch + "-" + (index - 1));
            }
        }
        assertThat(lastBatchOf).hasSize(APPENDERS).allSatisfy((appender, last) -> assertThat(last).isEqualTo(BATCHES_PER_APPENDER - 1));
    }
}
