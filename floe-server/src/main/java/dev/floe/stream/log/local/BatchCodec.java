package dev.floe.stream.log.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a batch: the records of one append, written in one piece and read back
 * whole or not at all. A segment file is nothing but batches laid end to end.
 *
 * <pre>
 * at  size  field
 *  0    4   length            u32: bytes after the checksum field (the "rest")
 *  4    4   checksum          CRC-32C of the rest
 *  8    1   version           1
 *  9    8   baseOffset        offset of the first record
 * 17    4   recordCount       at least 1
 * 21    8   ingestTimeMillis  when the server accepted the records
 * 29    8   firstSequence     producer sequence of the first record, -1 without producer
 * 37    2   producerIdLength  u16, 0 without producer
 * 39    n   producerId        UTF-8, at most 255 bytes
 * then recordCount times:
 *       4   length            u32: payload bytes
 *       4   checksum          CRC-32C of the payload
 *       m   payload
 * </pre>
 *
 * <p>Integers are big-endian. The batch checksum covers everything after it, so a batch torn by a
 * crash or damaged on disk is detected whole; the record checksums let a single record be checked
 * on its own. Record {@code i} has offset {@code baseOffset + i} and, with a producer, sequence
 * {@code firstSequence + i}.
 */
final class BatchCodec {
    static final byte VERSION = 1;
    static final long NO_SEQUENCE = -1;
    /** The length and checksum fields, which the rest does not include. */
    static final int PREFIX_BYTES = 8;
    /** Every field before the producer id. */
    static final int HEADER_BYTES = 39;
    /** Length and checksum in front of each payload. */
    static final int RECORD_OVERHEAD = 8;
    static final int MAX_PRODUCER_ID_BYTES = 255;
    /** Largest batch accepted: a whole batch must fit in one buffer. */
    static final int MAX_BATCH_BYTES = 1 << 30;

    private static final int VERSION_AT = 8;
    private static final int BASE_OFFSET_AT = 9;
    private static final int RECORD_COUNT_AT = 17;
    private static final int INGEST_TIME_AT = 21;
    private static final int FIRST_SEQUENCE_AT = 29;
    private static final int PRODUCER_ID_LENGTH_AT = 37;
    private static final int MIN_BATCH_BYTES = HEADER_BYTES + RECORD_OVERHEAD;

    /** Receives the records of a batch, one at a time. */
    @FunctionalInterface
    interface RecordSink {
        /**
         * @return whether to go on with the next record
         */
        boolean accept(long offset, long ingestTimeMillis, ByteBuffer buffer, int payloadAt, int payloadLength);
    }

    private BatchCodec() {
    }

    /** Bytes a batch of {@code recordCount} records holding {@code payloadBytes} in all takes on disk. */
    static long encodedSize(int producerIdBytes, int recordCount, long payloadBytes) {
        return HEADER_BYTES + producerIdBytes + (long) RECORD_OVERHEAD * recordCount + payloadBytes;
    }

    /**
     * The size of the batch starting at {@code at}, read from its length field: only the first
     * {@link #PREFIX_BYTES} bytes need to be there.
     */
    static int readSize(ByteBuffer buffer, int at, long filePosition) throws CorruptBatchException {
        long rest = Integer.toUnsignedLong(buffer.getInt(at));
        long size = PREFIX_BYTES + rest;
        if (size < MIN_BATCH_BYTES || size > MAX_BATCH_BYTES) {
            throw new CorruptBatchException(filePosition, "impossible batch length " + rest);
        }
        return (int) size;
    }

    /** How many bytes from the batch start {@link #readHeader} needs, at most. */
    static int headerBytesNeeded(int batchSize) {
        return Math.min(batchSize, HEADER_BYTES + MAX_PRODUCER_ID_BYTES);
    }

    /**
     * Decodes and sanity-checks the header of the batch starting at {@code at}, whose size was read
     * by {@link #readSize}; {@link #headerBytesNeeded} bytes must be there. Checksums are not checked.
     */
    static BatchHeader readHeader(ByteBuffer buffer, int at, int size, long filePosition) throws CorruptBatchException {
        byte version = buffer.get(at + VERSION_AT);
        if (version != VERSION) {
            throw new CorruptBatchException(filePosition, "unknown batch version " + version);
        }
        long baseOffset = buffer.getLong(at + BASE_OFFSET_AT);
        int recordCount = buffer.getInt(at + RECORD_COUNT_AT);
        long ingestTimeMillis = buffer.getLong(at + INGEST_TIME_AT);
        long firstSequence = buffer.getLong(at + FIRST_SEQUENCE_AT);
        int producerIdLength = Short.toUnsignedInt(buffer.getShort(at + PRODUCER_ID_LENGTH_AT));
        if (baseOffset < 0 || recordCount < 1 || producerIdLength > MAX_PRODUCER_ID_BYTES
                || firstSequence < NO_SEQUENCE || (firstSequence == NO_SEQUENCE && producerIdLength != 0)
                || encodedSize(producerIdLength, recordCount, 0) > size) {
            throw new CorruptBatchException(filePosition, "inconsistent batch header");
        }
        String producerId = null;
        if (firstSequence != NO_SEQUENCE) {
            byte[] id = new byte[producerIdLength];
            buffer.get(at + HEADER_BYTES, id);
            producerId = new String(id, StandardCharsets.UTF_8);
        }
        return new BatchHeader(filePosition, size, baseOffset, recordCount, ingestTimeMillis, firstSequence, producerId);
    }

    /** Checks the batch checksum and every record's length and checksum; the whole batch must be there. */
    static void verify(ByteBuffer buffer, int at, BatchHeader header) throws CorruptBatchException {
        CRC32C crc = new CRC32C();
        int end = at + header.size();
        if (checksum(crc, buffer, at + PREFIX_BYTES, header.size() - PREFIX_BYTES) != buffer.getInt(at + 4)) {
            throw new CorruptBatchException(header.position(), "batch checksum mismatch");
        }
        int record = firstRecordAt(buffer, at);
        for (int i = 0; i < header.recordCount(); i++) {
            if (end - record < RECORD_OVERHEAD) {
                throw new CorruptBatchException(header.position(), "record " + i + " runs past the batch end");
            }
            long length = Integer.toUnsignedLong(buffer.getInt(record));
            if (length > end - record - RECORD_OVERHEAD) {
                throw new CorruptBatchException(header.position(), "record " + i + " runs past the batch end");
            }
            int payloadAt = record + RECORD_OVERHEAD;
            if (checksum(crc, buffer, payloadAt, (int) length) != buffer.getInt(record + 4)) {
                throw new CorruptBatchException(header.position(), "checksum mismatch in record " + i);
            }
            record = payloadAt + (int) length;
        }
        if (record != end) {
            throw new CorruptBatchException(header.position(), "bytes left over after the last record");
        }
    }

    /**
     * Hands the records of a {@linkplain #verify verified} batch to {@code sink} until it declines one.
     *
     * @return false when the sink declined a record
     */
    static boolean forEachRecord(ByteBuffer buffer, int at, BatchHeader header, RecordSink sink) {
        int record = firstRecordAt(buffer, at);
        for (int i = 0; i < header.recordCount(); i++) {
            int length = buffer.getInt(record);
            if (!sink.accept(header.baseOffset() + i, header.ingestTimeMillis(), buffer, record + RECORD_OVERHEAD, length)) {
                return false;
            }
            record += RECORD_OVERHEAD + length;
        }
        return true;
    }

    /** CRC-32C of {@code length} bytes at {@code from}, without moving the buffer's position. */
    static int checksum(CRC32C crc, ByteBuffer buffer, int from, int length) {
        crc.reset();
        if (buffer.hasArray()) {
            crc.update(buffer.array(), buffer.arrayOffset() + from, length);
        } else {
            crc.update(buffer.slice(from, length));
        }
        return (int) crc.getValue();
    }

    private static int firstRecordAt(ByteBuffer buffer, int at) {
        return at + HEADER_BYTES + Short.toUnsignedInt(buffer.getShort(at + PRODUCER_ID_LENGTH_AT));
    }
}
