package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.RecordError;
import java.io.IOException;

/**
 * The integer types. A value is a JSON integer, or a string holding a base-10 integer (JavaScript
 * clients send 64-bit integers as strings to keep their precision), within the type's range.
 *
 * <p>Both forms are checked from their text, without building a number object: the digits are
 * accumulated as an unsigned magnitude and compared with the type's bounds.
 */
enum IntegerValidator implements ValueValidator {
    INT32("int32", Integer.MAX_VALUE, 1L << 31),
    INT64("int64", Long.MAX_VALUE, Long.MIN_VALUE),
    UINT32("uint32", 0xFFFF_FFFFL, 0),
    UINT64("uint64", -1L, 0);

    /** The largest unsigned 64-bit value divided by ten, and its last digit: past these, ten times more overflows. */
    private static final long MAX_UNSIGNED_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final long MAX_UNSIGNED_LAST_DIGIT = Long.remainderUnsigned(-1L, 10);

    private final String expected;
    /** The largest value, unsigned. */
    private final long maxPositive;
    /** The magnitude of the smallest value, unsigned ({@code 2^63} for int64 is {@code Long.MIN_VALUE}). */
    private final long maxNegativeMagnitude;
    private final String range;

    IntegerValidator(String expected, long maxPositive, long maxNegativeMagnitude) {
        this.expected = expected;
        this.maxPositive = maxPositive;
        this.maxNegativeMagnitude = maxNegativeMagnitude;
        this.range = (maxNegativeMagnitude == 0 ? "0" : "-" + Long.toUnsignedString(maxNegativeMagnitude))
                + " to " + Long.toUnsignedString(maxPositive);
    }

    @Override
    public void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_STRING) {
            context.mismatch(parser, token, expected);
            return;
        }
        switch (check(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())) {
            case VALID -> {
                // in range
            }
            case MALFORMED -> context.mismatch(parser, token, expected);
            case OUT_OF_RANGE -> context.report(RecordError.TYPE_MISMATCH, "expected " + expected + ", found "
                    + FoundValue.describe(parser, token) + ", outside the " + expected + " range " + range);
        }
    }

    @Override
    public String expected() {
        return expected;
    }

    /** Whether the text is an optionally negative run of decimal digits, and if so whether it is in range. */
    TextCheck check(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = i < end && text[i] == '-';
        if (negative) {
            i++;
        }
        if (i == end) {
            return TextCheck.MALFORMED;
        }
        long magnitude = 0;
        boolean overflow = false;
        for (; i < end; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return TextCheck.MALFORMED;
            }
            // Past 2^64 - 1 every type is out of range; the rest is only scanned to tell malformed text.
            overflow |= Long.compareUnsigned(magnitude, MAX_UNSIGNED_DIV_10) > 0
                    || (magnitude == MAX_UNSIGNED_DIV_10 && digit > MAX_UNSIGNED_LAST_DIGIT);
            magnitude = magnitude * 10 + digit;
        }
        long limit = negative ? maxNegativeMagnitude : maxPositive;
        return !overflow && Long.compareUnsigned(magnitude, limit) <= 0 ? TextCheck.VALID : TextCheck.OUT_OF_RANGE;
    }
}
