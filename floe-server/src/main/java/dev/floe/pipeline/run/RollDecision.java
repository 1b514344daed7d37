package dev.floe.pipeline.run;

import dev.floe.sink.RollingPolicy;
import java.util.Optional;

/** When a sink's buffer becomes files, by its rolling policy. */
final class RollDecision {

    private RollDecision() {
    }

    /**
     * Whether a buffer should roll now. A sink is inactive once its stream got no record for its
     * inactivity time: when the reader has read every record, the newest it holds tells, whether it
     * read it at once or long after, catching up with a backlog; while there is more to read, the
     * stream is not inactive.
     *
     * @param rows                    rows buffered; an empty buffer never rolls
     * @param estimatedBytes          what the buffered rows are expected to take in a file
     * @param firstRowMillis          when the first buffered row arrived
     * @param newestIngestMillis      the ingest time of the newest record buffered when the reader has
     *                                read every record of its stream, or -1 while it has not
     */
    static Optional<RollReason> decide(RollingPolicy policy, long rows, long estimatedBytes, long firstRowMillis,
            long newestIngestMillis, long nowMillis) {
        if (rows == 0) {
            return Optional.empty();
        }
        if (policy.fileSizeBytes() > 0 && estimatedBytes >= policy.fileSizeBytes()) {
            return Optional.of(RollReason.SIZE);
        }
        if (nowMillis - firstRowMillis >= policy.intervalSeconds() * 1000) {
            return Optional.of(RollReason.INTERVAL);
        }
        if (policy.inactivitySeconds() > 0 && newestIngestMillis >= 0
                && nowMillis - newestIngestMillis >= policy.inactivitySeconds() * 1000) {
            return Optional.of(RollReason.INACTIVITY);
        }
        return Optional.empty();
    }
}
