package dev.floe.pipeline.run;

import java.util.List;

/**
 * Where one sink of one pipeline stands in its stream, as its commit record holds it.
 *
 * <p>A roll goes through three states: it is announced by an {@link Intent} naming its files before
 * any of them is written, the files are written, and then the intent becomes the commit. A crash leaves
 * at most one intent pending; recovery deletes its files, which may or may not have been written, and
 * the range is processed again. So no committed file is ever partial and no uncommitted file survives.
 *
 * @param committedEnd the stream offset below which every record is done for this sink: its rows
 *                     are in committed files (or it had none)
 * @param nextSerial   the next number of the {@code serial} file naming strategy
 * @param commits      how many rolls were committed; numbers the next intent
 * @param pending      a roll announced but not committed, or {@code null}
 */
public record SinkCommitState(long committedEnd, long nextSerial, long commits, Intent pending) {

    /** A sink that has written nothing yet. */
    public static final SinkCommitState INITIAL = new SinkCommitState(0, 0, 0, null);

    /**
     * A roll about to be written.
     *
     * @param commit      its number, one more than the commits before it
     * @param offsetStart the first stream offset it covers
     * @param offsetEnd   the offset after the last it covers; becomes {@code committedEnd}
     * @param nextSerial  the serial number after its files
     * @param keys        the bucket keys of its files
     */
    public record Intent(long commit, long offsetStart, long offsetEnd, long nextSerial, List<String> keys) {
        public Intent {
            keys = List.copyOf(keys);
            if (offsetEnd < offsetStart) {
                throw new IllegalArgumentException("an intent ends before it starts: " + offsetStart + ".." + offsetEnd);
            }
        }
    }

    /** The intent for the next roll, covering the records from {@code committedEnd} to {@code offsetEnd}. */
    public Intent nextIntent(long offsetEnd, long nextSerialAfter, List<String> keys) {
        return new Intent(commits + 1, committedEnd, offsetEnd, nextSerialAfter, keys);
    }

    /** This state with a roll announced. */
    public SinkCommitState announce(Intent intent) {
        if (pending != null) {
            throw new IllegalStateException("roll " + pending.commit() + " is still pending");
        }
        if (intent.commit() != commits + 1 || intent.offsetStart() != committedEnd) {
            throw new IllegalArgumentException("intent " + intent + " does not follow commit " + commits
                    + " ending at offset " + committedEnd);
        }
        return new SinkCommitState(committedEnd, nextSerial, commits, intent);
    }

    /** This state with its pending roll committed. */
    public SinkCommitState commit() {
        if (pending == null) {
            throw new IllegalStateException("no roll is pending");
        }
        return new SinkCommitState(pending.offsetEnd(), pending.nextSerial(), pending.commit(), null);
    }

    /** This state with its pending roll given up, as recovery does after deleting its files. */
    public SinkCommitState abandon() {
        return new SinkCommitState(committedEnd, nextSerial, commits, null);
    }
}
