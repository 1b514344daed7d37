package dev.floe.stream.log.local;

/**
 * The fixed fields of one batch as found in a segment file.
 *
 * @param position         where the batch starts in its segment file
 * @param size             bytes the whole batch takes, length and checksum fields included
 * @param baseOffset       offset of its first record
 * @param recordCount      how many records it holds, at least one
 * @param ingestTimeMillis when the server accepted them
 * @param firstSequence    producer sequence of the first record, {@link BatchCodec#NO_SEQUENCE} without producer
 * @param producerId       the idempotent producer that wrote it, or {@code null}
 */
record BatchHeader(long position, int size, long baseOffset, int recordCount, long ingestTimeMillis,
                   long firstSequence, String producerId) {

    /** The offset just after its last record. */
    long nextOffset() {
        return baseOffset + recordCount;
    }

    /** Where the next batch starts in the segment file. */
    long endPosition() {
        return position + size;
    }

    boolean hasProducer() {
        return producerId != null;
    }

    /** The producer sequence of its last record; meaningful only with a producer. */
    long lastSequence() {
        return firstSequence + recordCount - 1;
    }
}
