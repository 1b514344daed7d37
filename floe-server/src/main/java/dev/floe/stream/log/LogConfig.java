package dev.floe.stream.log;

import java.time.Duration;

/**
 * Settings of the local log.
 *
 * @param segmentBytes     a segment is rolled once it grows past this size
 * @param retention        how long records are kept after every consumer has committed past them
 * @param maxPendingBytes  payload bytes that may wait to become durable before appends are refused
 *                         with {@code TOO_MANY_REQUESTS}
 * @param maxBatchWriteBytes how many bytes one group commit writes before it fsyncs
 * @param segmentMaxAge    a segment whose oldest record is older than this is rolled at the next
 *                         append, so that retention can delete the records of a quiet stream,
 *                         which would otherwise take long to fill a segment
 */
public record LogConfig(long segmentBytes, Duration retention, long maxPendingBytes, long maxBatchWriteBytes,
                        Duration segmentMaxAge) {
    public static final LogConfig DEFAULTS =
            new LogConfig(128L << 20, Duration.ofHours(24), 256L << 20, 16L << 20, Duration.ofHours(1));

    public LogConfig {
        if (segmentBytes < 1024) {
            throw new IllegalArgumentException("segmentBytes must be at least 1024, got " + segmentBytes);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, got " + retention);
        }
        if (!segmentMaxAge.isPositive()) {
            throw new IllegalArgumentException("segmentMaxAge must be positive, got " + segmentMaxAge);
        }
        if (maxPendingBytes < 1 || maxBatchWriteBytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes and maxBatchWriteBytes must be positive");
        }
    }

    public LogConfig withSegmentBytes(long bytes) {
        return new LogConfig(bytes, retention, maxPendingBytes, maxBatchWriteBytes, segmentMaxAge);
    }

    public LogConfig withRetention(Duration duration) {
        return new LogConfig(segmentBytes, duration, maxPendingBytes, maxBatchWriteBytes, segmentMaxAge);
    }

    public LogConfig withMaxPendingBytes(long bytes) {
        return new LogConfig(segmentBytes, retention, bytes, maxBatchWriteBytes, segmentMaxAge);
    }

    public LogConfig withSegmentMaxAge(Duration age) {
        return new LogConfig(segmentBytes, retention, maxPendingBytes, maxBatchWriteBytes, age);
    }
}
