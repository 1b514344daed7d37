package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.RecordError;
import java.io.IOException;

/** The floating-point types: any JSON number whose magnitude the type can hold. */
enum FloatValidator implements ValueValidator {
    FLOAT32("float32") {
        @Override
        boolean fits(double value) {
            return !Float.isInfinite((float) value);
        }
    },
    FLOAT64("float64") {
        @Override
        boolean fits(double value) {
            return !Double.isInfinite(value);
        }
    };

    private final String expected;

    FloatValidator(String expected) {
        this.expected = expected;
    }

    /** Whether the type holds the value without overflowing to infinity (JSON has no infinities). */
    abstract boolean fits(double value);

    @Override
    public void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            context.mismatch(parser, token, expected);
        } else if (!fits(parser.getDoubleValue())) {
            context.report(RecordError.TYPE_MISMATCH, "expected " + expected + ", found "
                    + FoundValue.describe(parser, token) + ", too large for " + expected);
        }
    }

    @Override
    public String expected() {
        return expected;
    }
}
