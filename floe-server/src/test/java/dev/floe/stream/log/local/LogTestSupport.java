package dev.floe.stream.log.local;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.log.AppendBatch;
import dev.floe.stream.log.AppendResult;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.log.StreamLog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Building batches, reading logs whole and checking failures, for the local log tests. */
final class LogTestSupport {
    static final String STREAM = "orders";
    /** Small segments, so that tests roll them with little data. */
    static final LogConfig SMALL_SEGMENTS = LogConfig.DEFAULTS.withSegmentBytes(1024);

    private LogTestSupport() {
    }

    static ByteBuffer record(String payload) {
        return ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8));
    }

    static AppendBatch batch(long ingestTimeMillis, String... payloads) {
        return new AppendBatch(Arrays.stream(payloads).map(LogTestSupport::record).toList(), null, 0, ingestTimeMillis);
    }

    static AppendBatch producerBatch(String producerId, long firstSequence, String... payloads) {
        return new AppendBatch(Arrays.stream(payloads).map(LogTestSupport::record).toList(), producerId, firstSequence, 1_000);
    }

    static AppendResult appendNow(StreamLog log, AppendBatch batch) {
        return await(log.append(batch));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String text(LogRecord record) {
        return new String(record.payload(), StandardCharsets.UTF_8);
    }

    static List<String> texts(List<LogRecord> records) {
        return records.stream().map(LogTestSupport::text).toList();
    }

    /** Every record of the log, read in small steps so that reads cross batches and segments. */
    static List<LogRecord> readAll(StreamLog log) {
        List<LogRecord> all = new ArrayList<>();
        long next = log.startOffset();
        while (next < log.endOffset()) {
            List<LogRecord> records = log.read(next, 7, 4096);
            assertThat(records).isNotEmpty();
            all.addAll(records);
            next = records.getLast().offset() + 1;
        }
        return all;
    }

    static FloeException failureOf(Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(FloeException.class);
        return (FloeException) thrown;
    }

    static FloeException failureOf(CompletableFuture<?> future) {
        return failureOf(() -> await(future));
    }

    static void assertFails(Runnable action, ErrorCode code, String... messageParts) {
        FloeException failure = failureOf(action);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.getMessage()).contains(messageParts);
    }

    /** The segment files of a log directory, oldest first. */
    static List<Path> segmentFiles(Path logDirectory) throws IOException {
        try (Stream<Path> files = Files.list(logDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /**
     * Copies a log directory as a crash would leave it: whatever the files hold, without anything
     * a clean close writes.
     */
    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
