package dev.floe.stream.log.local;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes batches in the {@link BatchCodec} layout into the writer's buffer. Keeps one checksum
 * object so that encoding allocates nothing per record. Not thread-safe: one per writer.
 */
final class BatchEncoder {
    private final CRC32C crc = new CRC32C();

    /**
     * Encodes the records of {@code records} from index {@code skip} on at the buffer's position,
     * which it advances; the buffer must have room for the whole batch. The payload buffers are
     * read without moving their positions.
     *
     * @param producerId    UTF-8 producer id, empty without producer
     * @param firstSequence producer sequence of {@code records.get(skip)}, or {@link BatchCodec#NO_SEQUENCE}
     */
    void encode(ByteBuffer out, long baseOffset, long ingestTimeMillis, byte[] producerId, long firstSequence,
                List<ByteBuffer> records, int skip) {
        int start = out.position();
        out.position(start + BatchCodec.PREFIX_BYTES);
        out.put(BatchCodec.VERSION)
                .putLong(baseOffset)
                .putInt(records.size() - skip)
                .putLong(ingestTimeMillis)
                .putLong(firstSequence)
                .putShort((short) producerId.length)
                .put(producerId);
        for (int i = skip; i < records.size(); i++) {
            ByteBuffer payload = records.get(i);
            int length = payload.remaining();
            out.putInt(length).putInt(BatchCodec.checksum(crc, payload, payload.position(), length));
            out.put(out.position(), payload, payload.position(), length);
            out.position(out.position() + length);
        }
        int rest = out.position() - start - BatchCodec.PREFIX_BYTES;
        out.putInt(start, rest);
        out.putInt(start + 4, BatchCodec.checksum(crc, out, start + BatchCodec.PREFIX_BYTES, rest));
    }
}
