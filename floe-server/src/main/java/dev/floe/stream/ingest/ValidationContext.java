package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.RecordError;
import java.io.IOException;
import java.util.Arrays;

/**
 * The state of checking one request body: which record is being read, where in it the validator
 * is, which fields and keys of each open object were seen, and the errors found so far.
 */
final class ValidationContext {
    private final ErrorCollector errors;
    private final FieldPath path = new FieldPath();
    private final DuplicateKeyGuard keys = new DuplicateKeyGuard();
    /** Per struct of the schema, a bit per field; a struct is never open twice at once. */
    private final long[][] seenFields;
    private int recordIndex;

    ValidationContext(ErrorCollector errors, int structCount) {
        this.errors = errors;
        this.seenFields = new long[structCount][];
    }

    /** The record being read, or, between records, the index the next one will have. */
    int recordIndex() {
        return recordIndex;
    }

    void atRecord(int index) {
        recordIndex = index;
    }

    void enterField(String name) {
        path.pushField(name);
    }

    void enterIndex(int index) {
        path.pushIndex(index);
    }

    void leave() {
        path.pop();
    }

    DuplicateKeyGuard keys() {
        return keys;
    }

    /** Moves the parser past the value starting at {@code token}, which needs no further checks. */
    void skip(JsonParser parser, JsonToken token) throws IOException {
        keys.skipValue(parser, token);
    }

    /** The seen-field bits of struct {@code structId}, all cleared, {@code words} longs long. */
    long[] clearedSeenFields(int structId, int words) {
        long[] bits = seenFields[structId];
        if (bits == null) {
            bits = new long[words];
            seenFields[structId] = bits;
        } else {
            Arrays.fill(bits, 0L);
        }
        return bits;
    }

    /** Records an error at the current record and path. */
    void report(String kind, String message) {
        errors.add(new RecordError(recordIndex, path.render(), kind, message));
    }

    /**
     * Records that the current value is not of the {@code expected} type and moves past it, so that
     * checking goes on with the next field.
     */
    void mismatch(JsonParser parser, JsonToken token, String expected) throws IOException {
        report(RecordError.TYPE_MISMATCH, "expected " + expected + ", found " + FoundValue.describe(parser, token));
        skip(parser, token);
    }
}
