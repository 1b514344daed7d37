package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.RecordError;
import dev.floe.stream.schema.TimestampUnit;
import java.io.IOException;

/** A timestamp: a JSON integer counting the field's unit since the Unix epoch, or an RFC 3339 string. */
final class TimestampValidator implements ValueValidator {
    private final TimestampUnit unit;
    private final String expected;

    TimestampValidator(TimestampUnit unit) {
        this.unit = unit;
        this.expected = "timestamp (an RFC 3339 string like 2024-01-08T12:00:00Z, or an integer count of "
                + unit.wireName() + "s since 1970-01-01T00:00:00Z)";
    }

    @Override
    public void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        TextCheck verdict;
        if (token == JsonToken.VALUE_NUMBER_INT) {
            verdict = IntegerValidator.INT64.check(
                    parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        } else if (token == JsonToken.VALUE_STRING) {
            verdict = Rfc3339.check(
                    parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), unit);
        } else {
            context.mismatch(parser, token, expected);
            return;
        }
        reportIfInvalid(verdict, parser, token, context);
    }

    private void reportIfInvalid(TextCheck verdict, JsonParser parser, JsonToken token, ValidationContext context)
            throws IOException {
        switch (verdict) {
            case VALID -> {
                // a valid instant
            }
            case MALFORMED -> context.report(RecordError.PARSE_FAILURE, "expected " + expected + ", found "
                    + FoundValue.describe(parser, token));
            case OUT_OF_RANGE -> context.report(RecordError.TYPE_MISMATCH, "expected " + expected + ", found "
                    + FoundValue.describe(parser, token) + ", outside the range of a 64-bit count of "
                    + unit.wireName() + "s");
        }
    }

    @Override
    public String expected() {
        return expected;
    }
}
