package dev.floe.stream.log.local;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.floe.stream.log.local.LogTestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchCodecTest {
    private static final byte[] PRODUCER = "producer-7".getBytes(StandardCharsets.UTF_8);

    /** Encodes, at offset 40, records "r1" to "r3" (sequences 11 to 13) of a batch whose record "r0" is skipped. */
    private static byte[] encodedBatch() {
        ByteBuffer direct = ByteBuffer.allocateDirect(1024);
        new BatchEncoder().encode(direct, 40, 1_234, PRODUCER, 11,
                List.of(record("r0"), record("r1"), record("r2"), record("r3-longer")), 1);
        byte[] bytes = new byte[direct.flip().remaining()];
        direct.get(bytes);
        return bytes;
    }

    private static BatchHeader scan(byte[] bytes) throws Exception {
        BatchScanner scanner = new BatchScanner((destination, position) -> {
            int length = (int) Math.min(destination.remaining(), bytes.length - position);
            destination.put(bytes, (int) position, length);
            return length;
        }, 0, bytes.length, 64);
        BatchHeader header = scanner.nextVerified();
        assertThat(scanner.nextVerified()).isNull();
        return header;
    }

    @Test
    void aBatchReadsBackAsEncoded() throws Exception {
        byte[] bytes = encodedBatch();
        assertThat(bytes).hasSize((int) BatchCodec.encodedSize(PRODUCER.length, 3, 2 + 2 + 9));

        BatchHeader header = scan(bytes);

        assertThat(header).isEqualTo(new BatchHeader(0, bytes.length, 40, 3, 1_234, 11, "producer-7"));
        assertThat(header.lastSequence()).isEqualTo(13);
        List<String> records = new ArrayList<>();
        BatchCodec.forEachRecord(ByteBuffer.wrap(bytes), 0, header, (offset, ingestTime, buffer, at, length) -> {
            records.add(offset + "@" + ingestTime + ":" + StandardCharsets.UTF_8.decode(buffer.slice(at, length)));
            return true;
        });
        assertThat(records).containsExactly("40@1234:r1", "41@1234:r2", "42@1234:r3-longer");
    }

    @Test
    void everySingleDamagedByteIsDetected() {
        byte[] intact = encodedBatch();
        for (int at = 0; at < intact.length; at++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] damaged = intact.clone();
                damaged[at] ^= (byte) flip;
                assertThatThrownBy(() -> scan(damaged)).as("byte %d xor %x", at, flip)
                        .isInstanceOf(CorruptBatchException.class);
            }
        }
    }

    @Test
    void aBatchCutShortIsDetected() {
        byte[] intact = encodedBatch();
        for (int length = 1; length < intact.length; length++) {
            byte[] cut = Arrays.copyOf(intact, length);
            assertThatThrownBy(() -> scan(cut)).as("cut to %d bytes", length).isInstanceOf(CorruptBatchException.class);
        }
    }
}
