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

    /**
     * Whether a direct roll's file should be written now, ahead of its roll, by a reader with nothing
     * left to read: only after a backlog, when the roll is most likely due by inactivity next, and
     * once a file written ahead was made useless by new events, only when the events awaited are twice
     * as many, so that the files wasted before a roll hold fewer than twice its events in all.
     *
     * @param afterBacklog  whether some awaited event was read while the log held more than a batch takes
     * @param events        the events awaited by the roll
     * @param wastedEvents  how many events the last file written ahead held, when new events made it
     *                      useless since the last roll; 0 if none was
     */
    static boolean writeAhead(boolean afterBacklog, long events, long wastedEvents) {
        return afterBacklog && events > 0 && events >= 2 * wastedEvents;
    }
}
