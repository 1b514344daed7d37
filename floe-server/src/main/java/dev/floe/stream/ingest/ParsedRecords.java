package dev.floe.stream.ingest;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The records of a valid ingest request body.
 *
 * @param records      one buffer per record, in request order, each a view of the request body's
 *                     bytes from the record's first byte to its last (its position and limit mark the
 *                     record; the body array is shared, not copied)
 * @param payloadBytes the records' bytes added up
 */
public record ParsedRecords(List<ByteBuffer> records, long payloadBytes) {
    public ParsedRecords {
        records = List.copyOf(records);
    }
}
