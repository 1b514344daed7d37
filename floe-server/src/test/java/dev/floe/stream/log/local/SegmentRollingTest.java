package dev.floe.stream.log.local;

import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.log.StreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.floe.stream.log.local.LogTestSupport.SMALL_SEGMENTS;
import static dev.floe.stream.log.local.LogTestSupport.STREAM;
import static dev.floe.stream.log.local.LogTestSupport.appendNow;
import static dev.floe.stream.log.local.LogTestSupport.batch;
import static dev.floe.stream.log.local.LogTestSupport.copyDirectory;
import static dev.floe.stream.log.local.LogTestSupport.readAll;
import static dev.floe.stream.log.local.LogTestSupport.segmentFiles;
import static dev.floe.stream.log.local.LogTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentRollingTest {
    @TempDir
    Path root;

    /** Appends {@code count} batches of three 50-byte records, "b<i>-<j>". */
    private static List<String> fill(StreamLog log, int count) {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] records = new String[3];
            for (int j = 0; j < 3; j++) {
                records[j] = ("b" + i + "-" + j + "-").repeat(10).substring(0, 50);
                written.add(records[j]);
            }
            appendNow(log, batch(1_000 + i, records));
        }
        return written;
    }

    @Test
    void aSegmentRollsOncePastItsSizeAndReadsCrossSegments() throws IOException {
        try (LocalLogStore store = new LocalLogStore(root, SMALL_SEGMENTS)) {
            StreamLog log = store.open(STREAM);
            List<String> written = fill(log, 40);

            List<Path> segments = segmentFiles(root.resolve(STREAM));
            assertThat(segments).hasSizeGreaterThan(3);
            assertThat(segments).allSatisfy(file -> assertThat(file.getFileName().toString()).matches("\\d{20}\\.log"));
            assertThat(segments.getFirst().getFileName().toString()).isEqualTo("00000000000000000000.log");
            long batchBytes = BatchCodec.encodedSize(0, 3, 150);
            for (Path sealed : segments.subList(0, segments.size() - 1)) {
                assertThat(Files.size(sealed)).isGreaterThan(1024).isLessThanOrEqualTo(1024 + batchBytes);
            }
            assertThat(log.stats().segments()).isEqualTo(segments.size());

            assertThat(texts(log.read(0, 1_000, 1 << 20))).isEqualTo(written);
            for (int offset = 0; offset < written.size(); offset++) {
                assertThat(texts(log.read(offset, 1, 1 << 20))).containsExactly(written.get(offset));
            }
        }
    }

    @Test
    void aReopenedLogHoldsEverythingAndAppendsWhereItEnded() {
        List<String> written;
        try (LocalLogStore store = new LocalLogStore(root, SMALL_SEGMENTS)) {
            written = new ArrayList<>(fill(store.open(STREAM), 30));
        }
        try (LocalLogStore store = new LocalLogStore(root, SMALL_SEGMENTS)) {
            StreamLog log = store.open(STREAM);
            assertThat(log.endOffset()).isEqualTo(written.size());
            assertThat(texts(readAll(log))).isEqualTo(written);
            assertThat(readAll(log)).extracting(LogRecord::ingestTimeMillis).startsWith(1_000L, 1_000L, 1_000L, 1_001L);

            assertThat(appendNow(log, batch(5_000, "next")).firstOffset()).isEqualTo(written.size());
            written.add("next");
            assertThat(texts(readAll(log))).isEqualTo(written);
        }
    }

    @Test
    void aLogRecoversFromACrashWithEveryAcknowledgedRecord() throws IOException {
        Path crashed = root.resolve("crashed");
        List<String> written;
        try (LocalLogStore store = new LocalLogStore(root.resolve("live"), SMALL_SEGMENTS)) {
            StreamLog log = store.open(STREAM);
            written = new ArrayList<>(fill(log, 30));
            copyDirectory(root.resolve("live").resolve(STREAM), crashed.resolve(STREAM));
        }
        try (LocalLogStore store = new LocalLogStore(crashed, SMALL_SEGMENTS)) {
            StreamLog log = store.open(STREAM);
            assertThat(texts(readAll(log))).isEqualTo(written);
            assertThat(appendNow(log, batch(1_000, "after")).firstOffset()).isEqualTo(written.size());
        }
    }

    @Test
    void openingDoesNotReadSealedSegmentsUntilTheyAreNeeded() throws IOException {
        List<String> written;
        try (LocalLogStore store = new LocalLogStore(root, SMALL_SEGMENTS)) {
            written = fill(store.open(STREAM), 30);
        }
        List<Path> segments = segmentFiles(root.resolve(STREAM));
        String firstSegment = segments.getFirst().getFileName().toString();
        ControlledDisk disk = new ControlledDisk();

        try (LocalLogStore store = new LocalLogStore(root, SMALL_SEGMENTS, disk)) {
            StreamLog log = store.open(STREAM);
            assertThat(disk.wasOpened(firstSegment)).isFalse();
            assertThat(disk.wasOpened(segments.getLast().getFileName().toString())).isTrue();

            assertThat(texts(log.read(1, 2, 1 << 20))).containsExactly(written.get(1), written.get(2));
            assertThat(disk.wasOpened(firstSegment)).isTrue();
        }
    }

    @Test
    void aBatchLargerThanTheWriteBufferIsWrittenWhole() {
        LogConfig config = new LogConfig(1 << 20, LogConfig.DEFAULTS.retention(), 1 << 20, 4096,
                LogConfig.DEFAULTS.segmentMaxAge());
        try (LocalLogStore store = new LocalLogStore(root, config)) {
            StreamLog log = store.open(STREAM);
            String big = "x".repeat(50_000);
            appendNow(log, batch(1_000, "small"));
            appendNow(log, batch(1_000, big, big));
            appendNow(log, batch(1_000, "after"));

            assertThat(texts(readAll(log))).containsExactly("small", big, big, "after");
        }
    }
}
