package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.RecordError;
import java.io.IOException;

/**
 * A {@code decimal128(precision, scale)}: a JSON number, or a string holding one (which keeps digits
 * a client's doubles would lose), whose value has at most {@code precision - scale} digits before the
 * decimal point and at most {@code scale} after it. Leading zeros, trailing fractional zeros and
 * exponents are allowed; what counts is the value's digits.
 */
final class DecimalValidator implements ValueValidator {
    /** Exponents are read up to this size; a larger one makes any nonzero value too large or too precise anyway. */
    private static final long MAX_EXPONENT = 1_000_000_000L;

    private final int integerDigits;
    private final int scale;
    private final String expected;
    private final String allowed;

    DecimalValidator(int precision, int scale) {
        this.integerDigits = precision - scale;
        this.scale = scale;
        this.expected = "decimal128(" + precision + "," + scale + ")";
        this.allowed = "at most " + integerDigits + " digits before the decimal point and " + scale + " after";
    }

    @Override
    public void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
                && token != JsonToken.VALUE_STRING) {
            context.mismatch(parser, token, expected);
            return;
        }
        switch (check(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())) {
            case VALID -> {
                // fits
            }
            case MALFORMED -> context.mismatch(parser, token, expected);
            case OUT_OF_RANGE -> context.report(RecordError.TYPE_MISMATCH, "expected " + expected + " (" + allowed
                    + "), found " + FoundValue.describe(parser, token));
        }
    }

    @Override
    public String expected() {
        return expected;
    }

    /** Checks text of the form {@code -?digits(.digits)?([eE][+-]?digits)?}. */
    TextCheck check(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (i < end && text[i] == '-') {
            i++;
        }
        int intStart = i;
        i = skipDigits(text, i, end);
        int intEnd = i;
        if (intEnd == intStart) {
            return TextCheck.MALFORMED;
        }
        int fracStart = i;
        int fracEnd = i;
        if (i < end && text[i] == '.') {
            fracStart = i + 1;
            i = skipDigits(text, fracStart, end);
            fracEnd = i;
            if (fracEnd == fracStart) {
                return TextCheck.MALFORMED;
            }
        }
        long exponent = 0;
        if (i < end && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            boolean negative = i < end && text[i] == '-';
            if (i < end && (text[i] == '-' || text[i] == '+')) {
                i++;
            }
            int expStart = i;
            for (; i < end && isDigit(text[i]); i++) {
                exponent = Math.min(exponent * 10 + (text[i] - '0'), MAX_EXPONENT);
            }
            if (i == expStart) {
                return TextCheck.MALFORMED;
            }
            if (negative) {
                exponent = -exponent;
            }
        }
        if (i != end) {
            return TextCheck.MALFORMED;
        }
        return fits(text, intStart, intEnd, fracStart, fracEnd, exponent) ? TextCheck.VALID : TextCheck.OUT_OF_RANGE;
    }

    /**
     * Whether the value with the integer digits {@code [intStart, intEnd)}, fractional digits
     * {@code [fracStart, fracEnd)} and exponent fits, counting only the digits from the first
     * nonzero to the last nonzero one. Digits are numbered across both runs; the decimal point
     * stands before digit {@code intDigits + exponent}.
     */
    private boolean fits(char[] text, int intStart, int intEnd, int fracStart, int fracEnd, long exponent) {
        int intCount = intEnd - intStart;
        int total = intCount + (fracEnd - fracStart);
        int first = 0;
        while (first < total && digitAt(text, first, intStart, intCount, fracStart) == '0') {
            first++;
        }
        if (first == total) {
            return true;
        }
        int last = total - 1;
        while (digitAt(text, last, intStart, intCount, fracStart) == '0') {
            last--;
        }
        long point = intCount + exponent;
        long digitsBeforePoint = Math.max(0, point - first);
        long digitsAfterPoint = Math.max(0, last + 1 - point);
        return digitsBeforePoint <= integerDigits && digitsAfterPoint <= scale;
    }

    private static char digitAt(char[] text, int index, int intStart, int intCount, int fracStart) {
        return index < intCount ? text[intStart + index] : text[fracStart + index - intCount];
    }

    private static int skipDigits(char[] text, int i, int end) {
        while (i < end && isDigit(text[i])) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
