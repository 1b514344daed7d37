package dev.floe.stream.log.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The segments of one log in offset order and the offset its durable records end at. Shared by
 * the writer (adds segments at the end, publishes the end offset), retention (removes segments at
 * the start) and readers.
 */
final class LogSegments {
    private final ConcurrentSkipListMap<Long, Segment> byBaseOffset = new ConcurrentSkipListMap<>();
    private volatile long endOffset;

    void add(Segment segment) {
        byBaseOffset.put(segment.baseOffset(), segment);
    }

    void remove(Segment segment) {
        byBaseOffset.remove(segment.baseOffset(), segment);
    }

    /** The segment appends go to. */
    Segment active() {
        return byBaseOffset.lastEntry().getValue();
    }

    long startOffset() {
        return byBaseOffset.firstKey();
    }

    /** Every offset below it is durable and readable. */
    long endOffset() {
        return endOffset;
    }

    /** Makes the records below {@code newEndOffset} readable; they must be durable. */
    void publishEnd(long newEndOffset) {
        endOffset = newEndOffset;
    }

    /** The segment holding {@code offset} and every later one. */
    Collection<Segment> from(long offset) {
        Long floor = byBaseOffset.floorKey(offset);
        return (floor == null ? byBaseOffset : byBaseOffset.tailMap(floor)).values();
    }

    /** Every segment but the active one, oldest first. */
    List<Segment> sealed() {
        List<Segment> sealed = new ArrayList<>(byBaseOffset.values());
        sealed.removeLast();
        return sealed;
    }

    int count() {
        return byBaseOffset.size();
    }

    long sizeBytes() {
        long total = 0;
        for (Segment segment : byBaseOffset.values()) {
            total += segment.durableSize();
        }
        return total;
    }

    /** Closes every segment file, reporting the first failure after trying them all. */
    void closeAll() throws IOException {
        IOException first = null;
        for (Segment segment : byBaseOffset.values()) {
            try {
                segment.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
