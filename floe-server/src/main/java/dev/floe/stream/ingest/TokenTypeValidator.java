package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/** The types whose values are valid by their JSON kind alone. */
enum TokenTypeValidator implements ValueValidator {
    STRING("string", EnumSet.of(JsonToken.VALUE_STRING)),
    BOOL("bool", EnumSet.of(JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE)),
    JSON("json", EnumSet.allOf(JsonToken.class));

    private final String expected;
    private final Set<JsonToken> accepted;

    TokenTypeValidator(String expected, Set<JsonToken> accepted) {
        this.expected = expected;
        this.accepted = accepted;
    }

    @Override
    public void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (accepted.contains(token)) {
            context.skip(parser, token);
        } else {
            context.mismatch(parser, token, expected);
        }
    }

    @Override
    public String expected() {
        return expected;
    }
}
