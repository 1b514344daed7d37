package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** A list: a JSON array each of whose elements is checked against the list's {@code items}. */
final class ListValidator implements ValueValidator {
    private final FieldCheck items;
    private final String expected;

    ListValidator(FieldCheck items) {
        this.items = items;
        this.expected = "list of " + items.validator().expected();
    }

    @Override
    public void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            context.mismatch(parser, token, expected);
            return;
        }
        int index = 0;
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            context.enterIndex(index++);
            items.check(parser, item, context);
            context.leave();
        }
    }

    @Override
    public String expected() {
        return expected;
    }
}
