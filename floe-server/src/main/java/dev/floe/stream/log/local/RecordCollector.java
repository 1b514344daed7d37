package dev.floe.stream.log.local;

import dev.floe.stream.log.RecordVisitor;
import java.nio.ByteBuffer;

/**
 * Passes on what one read returns: records from an offset on, at most so many of them and about so
 * many payload bytes, but always the first one offered.
 */
final class RecordCollector implements BatchCodec.RecordSink {
    private static final int MIN_CHUNK_BYTES = 8 << 10;
    private static final int MAX_CHUNK_BYTES = 1 << 20;

    private final long fromOffset;
    private final int maxRecords;
    private final long maxBytes;
    private final RecordVisitor visitor;
    private int records;
    private long bytes;
    private boolean full;

    RecordCollector(long fromOffset, int maxRecords, long maxBytes, RecordVisitor visitor) {
        this.fromOffset = fromOffset;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.visitor = visitor;
    }

    @Override
    public boolean accept(long offset, long ingestTimeMillis, ByteBuffer buffer, int payloadAt, int payloadLength) {
        if (offset < fromOffset) {
            return true;
        }
        if (records > 0 && bytes + payloadLength > maxBytes) {
            full = true;
            return false;
        }
        visitor.visit(offset, ingestTimeMillis, buffer, payloadAt, payloadLength);
        records++;
        bytes += payloadLength;
        full = records >= maxRecords || bytes >= maxBytes;
        return !full;
    }

    boolean isFull() {
        return full;
    }

    int records() {
        return records;
    }

    /** How much of a segment file to read at a time: enough for the wanted bytes plus an index gap. */
    int chunkBytes() {
        long wanted = maxBytes + 2L * SegmentIndex.INTERVAL_BYTES;
        return (int) Math.clamp(wanted, MIN_CHUNK_BYTES, MAX_CHUNK_BYTES);
    }
}
