package dev.floe.pipeline.run;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * The decisions of the exactly-once protocol, made over observed facts only, so that every case can
 * be tested without a crash.
 */
final class CommitDecisions {

    private CommitDecisions() {
    }

    /**
     * What recovery does with a sink's commit record found at start-up.
     *
     * @param deleteKeys the files of a pending roll that was not published: some, all or none of them
     *                   were written, and none was committed, so all go
     * @param state      the state to record once they are deleted ({@code unchanged} when nothing was
     *                   pending, and then nothing needs writing)
     */
    record Recovery(List<String> deleteKeys, SinkCommitState state, boolean unchanged) {}

    /**
     * @param published whether the pending roll, if any, was published before the crash (an append
     *                  found in its table's history); its files then stay and the roll is committed
     */
    static Recovery recover(SinkCommitState found, boolean published) {
        if (found.pending() == null) {
            return new Recovery(List.of(), found, true);
        }
        if (published) {
            return new Recovery(List.of(), found.commit(), false);
        }
        return new Recovery(found.pending().keys(), found.abandon(), false);
    }

    /**
     * The offset a pipeline's reader starts from after a restart: where its consumer committed, which
     * is never past any of its sinks' commits. A sink that committed further skips the records below its
     * own {@code committedEnd} (see {@link #firstOffsetFor}).
     */
    static long resumeOffset(long consumerCommitted, long logStart) {
        return Math.max(consumerCommitted, logStart);
    }

    /** The first record of a batch that a sink still needs: none it has already committed. */
    static long firstOffsetFor(long sinkCommittedEnd, long batchStart) {
        return Math.max(sinkCommittedEnd, batchStart);
    }

    /**
     * The offset a pipeline's consumer may commit: below it, every record is done for every sink that
     * reads the stream, so retention may delete it and a restart need not read it again.
     *
     * @param processedEnd   the offset after the last record the runner processed
     * @param pendingStarts  for each sink holding uncommitted rows, the first offset those rows may
     *                       come from; sinks with empty buffers are absent
     */
    static long consumerOffset(long processedEnd, Collection<Long> pendingStarts) {
        long offset = processedEnd;
        for (long start : pendingStarts) {
            offset = Math.min(offset, start);
        }
        return offset;
    }

    /** Whether the consumer's commit should move: only forwards, and only when it changes. */
    static OptionalLong consumerCommit(long committed, long candidate) {
        return candidate > committed ? OptionalLong.of(candidate) : OptionalLong.empty();
    }
}
