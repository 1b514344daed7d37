package dev.floe.stream.log.local;

/** The bytes at a position of a segment file are not a whole, intact batch. */
final class CorruptBatchException extends Exception {
    CorruptBatchException(long position, String reason) {
        super(reason + " (batch at file position " + position + ")");
    }
}
