package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.RecordError;
import java.io.IOException;

/**
 * How to check one field of a struct, or the elements of a list: a {@code null} is fine unless the
 * field is required, any other value goes to the type's validator.
 *
 * @param name the field's name, null for list elements
 */
record FieldCheck(String name, boolean required, ValueValidator validator) {

    void check(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (token != JsonToken.VALUE_NULL) {
            validator.validate(parser, token, context);
        } else if (required) {
            context.report(RecordError.NULL_VALUE,
                    "expected " + validator.expected() + ", found null; the field is required");
        }
    }
}
