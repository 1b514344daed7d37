package dev.floe.stream.log.local;

import dev.floe.error.ErrorCode;
import dev.floe.stream.log.LogConfig;
import dev.floe.stream.log.StreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import static dev.floe.stream.log.local.LogTestSupport.STREAM;
import static dev.floe.stream.log.local.LogTestSupport.appendNow;
import static dev.floe.stream.log.local.LogTestSupport.assertFails;
import static dev.floe.stream.log.local.LogTestSupport.batch;
import static dev.floe.stream.log.local.LogTestSupport.readAll;
import static dev.floe.stream.log.local.LogTestSupport.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;

class ConsumersAndRetentionTest {
    private static final LogConfig ONE_HOUR = LogTestSupport.SMALL_SEGMENTS.withRetention(Duration.ofHours(1));
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @TempDir
    Path root;

    /** Appends {@code count} batches of two 200-byte records ingested at {@code ingestTimeMillis}. */
    private static void fill(StreamLog log, int count, long ingestTimeMillis) {
        for (int i = 0; i < count; i++) {
            appendNow(log, batch(ingestTimeMillis, "a".repeat(200), "b".repeat(200)));
        }
    }

    @Test
    void consumersAndTheirCommitsSurviveAReopen() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            fill(log, 5, 1_000);
            log.registerConsumer("pipeline-a", 0);
            log.registerConsumer("pipeline-b", 4);
            log.registerConsumer("gone", 0);
            log.commit("pipeline-a", 7);
            log.removeConsumer("gone");
            log.registerConsumer("pipeline-b", 0);

            assertThat(log.committed("pipeline-a")).hasValue(7);
            assertThat(log.committed("gone")).isEmpty();
        }
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            assertThat(log.consumers()).isEqualTo(Map.of("pipeline-a", 7L, "pipeline-b", 4L));
            assertThat(log.committed("pipeline-b")).isEqualTo(OptionalLong.of(4));
        }
    }

    @Test
    void commitsMayNotGoBackwardsNorPastTheEnd() {
        try (LocalLogStore store = new LocalLogStore(root, LogConfig.DEFAULTS)) {
            StreamLog log = store.open(STREAM);
            fill(log, 3, 1_000);
            log.registerConsumer("c", 0);
            log.commit("c", 4);
            log.commit("c", 4);

            assertFails(() -> log.commit("c", 3), ErrorCode.INVALID_REQUEST, "already committed offset 4", "backwards");
            assertFails(() -> log.commit("c", 7), ErrorCode.INVALID_REQUEST, "beyond its end offset 6");
            assertFails(() -> log.commit("unknown", 1), ErrorCode.NOT_FOUND, "unknown", "not registered");
            assertFails(() -> log.registerConsumer("d", 7), ErrorCode.INVALID_REQUEST, "holds offsets 0 to 6");
            assertFails(() -> log.registerConsumer(" ", 0), ErrorCode.INVALID_REQUEST, "name");
            log.commit("c", 6);
            assertThat(log.committed("c")).hasValue(6);
        }
    }

    @Test
    void withoutConsumersRetentionDeletesWholeSegmentsOlderThanTheRetention() throws IOException {
        try (LocalLogStore store = new LocalLogStore(root, ONE_HOUR)) {
            StreamLog log = store.open(STREAM);
            fill(log, 10, 1_000);
            long oldEnd = log.endOffset();
            fill(log, 10, 5 * HOUR);

            assertThat(log.enforceRetention(1_000 + HOUR)).isZero();
            long deleted = log.enforceRetention(2 * HOUR);

            assertThat(deleted).isPositive().isLessThanOrEqualTo(oldEnd);
            assertThat(log.startOffset()).isEqualTo(deleted);
            assertThat(segmentFiles(root.resolve(STREAM)).getFirst().getFileName())
                    .hasToString(Segment.fileName(deleted));
            assertThat(readAll(log)).first().satisfies(first -> assertThat(first.offset()).isEqualTo(deleted));
            assertFails(() -> log.read(0, 10, 1 << 20), ErrorCode.NOT_FOUND,
                    "deleted by retention", "first available offset is " + deleted);

            assertThat(log.enforceRetention(100 * HOUR)).isPositive();
            assertThat(log.stats().segments()).isEqualTo(1);
            assertThat(log.endOffset()).isEqualTo(40);
        }
    }

    @Test
    void retentionKeepsWhatTheSlowestConsumerHasNotCommittedPast() {
        try (LocalLogStore store = new LocalLogStore(root, ONE_HOUR)) {
            StreamLog log = store.open(STREAM);
            log.registerConsumer("fast", 0);
            log.registerConsumer("slow", 0);
            fill(log, 20, 1_000);
            log.commit("fast", log.endOffset());

            assertThat(log.enforceRetention(10 * HOUR)).isZero();

            log.commit("slow", 10);
            long deleted = log.enforceRetention(10 * HOUR);
            assertThat(deleted).isPositive().isLessThanOrEqualTo(10);
            assertThat(log.startOffset()).isEqualTo(deleted);

            log.removeConsumer("slow");
            assertThat(log.enforceRetention(10 * HOUR)).isPositive();
            assertThat(log.stats().segments()).isEqualTo(1);
            assertFails(() -> log.registerConsumer("late", 0), ErrorCode.INVALID_REQUEST, "holds offsets " + log.startOffset());
        }
    }

    @Test
    void theStartOffsetMovedByRetentionSurvivesAReopen() {
        long start;
        try (LocalLogStore store = new LocalLogStore(root, ONE_HOUR)) {
            StreamLog log = store.open(STREAM);
            fill(log, 20, 1_000);
            log.enforceRetention(10 * HOUR);
            start = log.startOffset();
            assertThat(start).isPositive();
        }
        try (LocalLogStore store = new LocalLogStore(root, ONE_HOUR)) {
            StreamLog log = store.open(STREAM);
            assertThat(log.startOffset()).isEqualTo(start);
            assertThat(log.endOffset()).isEqualTo(40);
            assertThat(readAll(log)).hasSize(40 - (int) start);
        }
    }

    @Test
    void aQuietStreamRollsItsSegmentByAgeSoThatRetentionCanDeleteOldRecords() throws IOException {
        LogConfig config = LogConfig.DEFAULTS.withRetention(Duration.ofHours(1)).withSegmentMaxAge(Duration.ofHours(1));
        try (LocalLogStore store = new LocalLogStore(root, config)) {
            StreamLog log = store.open(STREAM);
            fill(log, 3, 0);
            fill(log, 1, HOUR / 2);

            assertThat(segmentFiles(root.resolve(STREAM))).hasSize(1);
            fill(log, 1, 2 * HOUR);
            assertThat(segmentFiles(root.resolve(STREAM))).hasSize(2);

            assertThat(log.enforceRetention(2 * HOUR)).isEqualTo(8);
            assertThat(log.startOffset()).isEqualTo(8);
            assertThat(readAll(log)).hasSize(2);
        }
        try (LocalLogStore store = new LocalLogStore(root, config)) {
            StreamLog log = store.open(STREAM);
            fill(log, 1, 2 * HOUR + HOUR / 2);
            assertThat(segmentFiles(root.resolve(STREAM))).as("age counts from the first record, also after a restart")
                    .hasSize(1);
            fill(log, 1, 3 * HOUR + 1);
            assertThat(segmentFiles(root.resolve(STREAM))).hasSize(2);
        }
    }
}
