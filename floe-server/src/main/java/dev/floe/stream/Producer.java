package dev.floe.stream;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.stream.log.AppendBatch;
import java.nio.charset.StandardCharsets;

/**
 * An idempotent producer's identity and the sequence number of the first record it sends in a
 * request. Records already written under the same id and sequence are acknowledged, not appended.
 */
public record Producer(String id, long firstSequence) {
    public Producer {
        if (id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > AppendBatch.MAX_PRODUCER_ID_BYTES) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "producer id must be 1 to " + AppendBatch.MAX_PRODUCER_ID_BYTES + " bytes long");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new FloeException(ErrorCode.INVALID_REQUEST,
                        "producer id must be printable ASCII without spaces; found character code " + (int) c
                                + " at position " + i);
            }
        }
        if (firstSequence < 0) {
            throw new FloeException(ErrorCode.INVALID_REQUEST,
                    "producer sequence must be zero or positive, got " + firstSequence);
        }
    }
}
