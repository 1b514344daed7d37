package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one request body into records: a JSON array of records, or records one per line (NDJSON,
 * blank lines allowed; a single JSON value is its one-line case). Each record is handed to the
 * stream's validator while the parser streams over it, and kept as a slice of the body from its
 * first byte to its last.
 */
final class BodyReader {
    private static final String NOT_A_BATCH = "not a valid batch of records";
    private static final String NOT_JSON = "not valid JSON";

    private final byte[] body;
    private final int length;
    private final JsonParser parser;
    private final RecordValidator validator;
    private final ValidationContext context;
    private final List<ByteBuffer> records = new ArrayList<>();
    private long payloadBytes;

    BodyReader(byte[] body, int length, JsonParser parser, RecordValidator validator, ValidationContext context) {
        this.body = body;
        this.length = length;
        this.parser = parser;
        this.validator = validator;
        this.context = context;
    }

    /**
     * Reads every record. Validation errors go to the context; a body that cannot be read to its end
     * stops the reading with {@link MalformedBodyException}.
     */
    ParsedRecords read() throws IOException, MalformedBodyException {
        if (length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            throw malformed(0, NOT_A_BATCH,
                    "the body starts with a byte order mark (U+FEFF); send UTF-8 JSON without one");
        }
        if (skipWhitespace(0) == length) {
            throw malformed(0, NOT_A_BATCH, "the body is empty; send a JSON array of records, "
                    + "one JSON record per line, or a single JSON object");
        }
        try {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readArray();
            } else {
                readLines(first);
            }
        } catch (JsonProcessingException e) {
            throw MalformedBodyException.invalidJson(e, parser.currentLocation());
        }
        return new ParsedRecords(records, payloadBytes);
    }

    private void readArray() throws IOException, MalformedBodyException {
        readArrayElements();
        int rest = skipWhitespace(currentOffset());
        if (rest < length) {
            throw malformed(rest, NOT_A_BATCH, body[rest] == '['
                    ? "a second top-level array; send all records in one array"
                    : "unexpected content after the array of records; "
                            + "send one JSON array, or one JSON record per line");
        }
    }

    /**
     * Reads the records of an array whose opening bracket the parser has just passed, up to and
     * including its closing bracket, and returns them; the parser may go on with what follows.
     */
    ParsedRecords readArrayElements() throws IOException, MalformedBodyException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            readRecord(token, tokenStart());
        }
        return new ParsedRecords(records, payloadBytes);
    }

    private void readLines(JsonToken first) throws IOException, MalformedBodyException {
        int previousEnd = -1;
        for (JsonToken token = first; token != null; token = parser.nextToken()) {
            int start = tokenStart();
            if (previousEnd >= 0 && !containsLineBreak(previousEnd, start)) {
                throw malformed(start, NOT_A_BATCH, "another value on the same line; put one JSON record per line, "
                        + "or send the records in a JSON array");
            }
            previousEnd = readRecord(token, start);
        }
    }

    /** Validates the record whose first token is {@code token}, keeps its bytes, and returns where it ends. */
    private int readRecord(JsonToken token, int start) throws IOException, MalformedBodyException {
        context.atRecord(records.size());
        validator.validate(parser, token, context);
        if (token.isScalarValue()) {
            // The parser reads a string lazily: only once read to its closing quote is its end known.
            parser.finishToken();
        }
        // Behind a top-level number the parser has already consumed the whitespace that ended it.
        int end = currentOffset();
        while (end > start && isWhitespace(body[end - 1])) {
            end--;
        }
        int invalid = Utf8.firstInvalid(body, start, end);
        if (invalid >= 0) {
            throw malformed(invalid, NOT_JSON,
                    String.format("Invalid UTF-8 sequence starting with byte 0x%02x", body[invalid]));
        }
        records.add(ByteBuffer.wrap(body, start, end - start));
        payloadBytes += end - start;
        context.atRecord(records.size());
        return end;
    }

    private int tokenStart() {
        return (int) parser.currentTokenLocation().getByteOffset();
    }

    private int currentOffset() {
        return (int) parser.currentLocation().getByteOffset();
    }

    private int skipWhitespace(int from) {
        int i = from;
        while (i < length && isWhitespace(body[i])) {
            i++;
        }
        return i;
    }

    private boolean containsLineBreak(int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == '\n' || body[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private MalformedBodyException malformed(int offset, String problem, String detail) {
        return MalformedBodyException.at(body, length, offset, problem, detail);
    }
}
