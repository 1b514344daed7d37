package dev.floe.pipeline.run;

import dev.floe.sink.RollingPolicy;
import java.util.Optional;

/** When a sink's buffer becomes files, by its rolling policy. */
final class RollDecision {

    private RollDecision() {
    }

    /**
     * Whether a buffer should roll now.
     *
     * @param rows           rows buffered; an empty buffer never rolls
     * @param estimatedBytes what the buffered rows are expected to take in a file
     * @param firstRowMillis when the first buffered row arrived
     * @param lastRowMillis  when the last buffered row arrived
     */
    static Optional<RollReason> decide(RollingPolicy policy, long rows, long estimatedBytes, long firstRowMillis,
            long lastRowMillis, long nowMillis) {
        if (rows == 0) {
            return Optional.empty();
        }
        if (policy.fileSizeBytes() > 0 && estimatedBytes >= policy.fileSizeBytes()) {
            return Optional.of(RollReason.SIZE);
        }
        if (nowMillis - firstRowMillis >= policy.intervalSeconds() * 1000) {
            return Optional.of(RollReason.INTERVAL);
        }
        if (policy.inactivitySeconds() > 0 && nowMillis - lastRowMillis >= policy.inactivitySeconds() * 1000) {
            return Optional.of(RollReason.INACTIVITY);
        }
        return Optional.empty();
    }
}
