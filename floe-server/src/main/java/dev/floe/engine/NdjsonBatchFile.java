package dev.floe.engine;

import dev.floe.stream.log.LogRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a batch of records as newline-delimited JSON for DuckDB's reader, each line carrying the
 * record's offset and ingest time as two extra keys.
 *
 * <p>A structured stream's record is a JSON object: the two keys are spliced in after its opening
 * brace, so the reader sees one flat object and the payload bytes are copied, never parsed. (Reading
 * the record nested inside a wrapper object measured about a third slower.) An unstructured stream's
 * record may be any JSON value, so it is wrapped as {@code {"…offset":1,"…ingest_time":2,"value":…}}.
 * Records are the client's bytes as ingest accepted them: valid JSON with no raw newline outside
 * strings except as whitespace, which is replaced by a space so that each record stays on one line.
 */
final class NdjsonBatchFile {
    /** Keys no client sends in practice; a record using them would have its own value shadowed. */
    static final String OFFSET_KEY = "__floe_offset";
    static final String INGEST_TIME_KEY = "__floe_ingest_time";

    private static final byte[] OFFSET_PREFIX = ("{\"" + OFFSET_KEY + "\":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INGEST_TIME_PREFIX = (",\"" + INGEST_TIME_KEY + "\":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_PREFIX = ",\"value\":".getBytes(StandardCharsets.US_ASCII);

    private NdjsonBatchFile() {}

    static void write(Path file, List<LogRecord> records, boolean wrapWhole) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (LogRecord record : records) {
                out.write(OFFSET_PREFIX);
                writeLong(out, record.offset());
                out.write(INGEST_TIME_PREFIX);
                writeLong(out, record.ingestTimeMillis());
                byte[] payload = record.payload();
                if (wrapWhole) {
                    out.write(VALUE_PREFIX);
                    writeOneLine(out, payload, 0, payload.length);
                    out.write('}');
                } else {
                    writeObjectMembers(out, payload);
                }
                out.write('\n');
            }
        }
    }

    /** The payload object without its opening brace, after a comma unless the object is empty. */
    private static void writeObjectMembers(OutputStream out, byte[] payload) throws IOException {
        int brace = skipWhitespace(payload, 0);
        if (brace == payload.length || payload[brace] != '{') {
            throw new IllegalArgumentException("a structured stream's record must be a JSON object");
        }
        int first = skipWhitespace(payload, brace + 1);
        if (first < payload.length && payload[first] != '}') {
            out.write(',');
        }
        writeOneLine(out, payload, first, payload.length);
    }

    private static void writeOneLine(OutputStream out, byte[] bytes, int from, int to) throws IOException {
        int start = from;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                out.write(bytes, start, i - start);
                out.write(' ');
                start = i + 1;
            }
        }
        out.write(bytes, start, to - start);
    }

    private static int skipWhitespace(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static void writeLong(OutputStream out, long value) throws IOException {
        out.write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }
}
