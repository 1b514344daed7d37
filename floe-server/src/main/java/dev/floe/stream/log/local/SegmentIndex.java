package dev.floe.stream.log.local;

import java.util.Arrays;

/**
 * A sparse index of one segment: the base offset and file position of a batch about every
 * {@link #INTERVAL_BYTES} bytes, so that a read finds its starting batch by binary search and then
 * walks at most that many bytes. Kept in memory only; rebuilt from batch headers after a restart.
 *
 * <p>One thread at a time adds entries (the writer, or whoever builds the index); any number of
 * readers search concurrently. An entry is published by the volatile write of {@code count}, after
 * the array holding it.
 */
final class SegmentIndex {
    static final int INTERVAL_BYTES = 4096;

    /** Pairs laid flat: offset of entry i at {@code 2i}, its position at {@code 2i + 1}. */
    private volatile long[] entries = new long[32];
    private volatile int count;

    /** Adds the batch at {@code position} when the last entry is far enough behind it; positions must grow. */
    void maybeAdd(long baseOffset, long position) {
        int n = count;
        long[] current = entries;
        if (n > 0 && position - current[2 * n - 1] < INTERVAL_BYTES) {
            return;
        }
        if (2 * n + 2 > current.length) {
            long[] grown = Arrays.copyOf(current, current.length * 2);
            grown[2 * n] = baseOffset;
            grown[2 * n + 1] = position;
            entries = grown;
        } else {
            current[2 * n] = baseOffset;
            current[2 * n + 1] = position;
        }
        count = n + 1;
    }

    /** The position of the last indexed batch starting at or before {@code offset}, or 0 (the first batch). */
    long floorPosition(long offset) {
        int n = count;
        long[] current = entries;
        int low = 0;
        int high = n - 1;
        long found = 0;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (current[2 * middle] <= offset) {
                found = current[2 * middle + 1];
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    int size() {
        return count;
    }
}
