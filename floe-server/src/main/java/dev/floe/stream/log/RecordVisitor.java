package dev.floe.stream.log;

import java.nio.ByteBuffer;

/**
 * Receives the records a read finds, one call each in offset order. The payload is lent, not given:
 * its bytes are {@code payloadLength} bytes of {@code buffer} from {@code payloadAt}, valid only during
 * the call, so that a reader that copies them onwards (into a batch file) copies them once.
 */
@FunctionalInterface
public interface RecordVisitor {
    void visit(long offset, long ingestTimeMillis, ByteBuffer buffer, int payloadAt, int payloadLength);
}
