package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Describes the value at the parser's current token for an error message, cut short when long. */
final class FoundValue {
    static final int MAX_SHOWN_CHARS = 40;

    private FoundValue() {}

    static String describe(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string \"" + shownText(parser) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + shownText(parser);
            case VALUE_TRUE -> "bool true";
            case VALUE_FALSE -> "bool false";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String shownText(JsonParser parser) throws IOException {
        char[] text = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (length <= MAX_SHOWN_CHARS) {
            return new String(text, offset, length);
        }
        // never cut a surrogate pair in half
        int shown = Character.isHighSurrogate(text[offset + MAX_SHOWN_CHARS - 1])
                ? MAX_SHOWN_CHARS - 1
                : MAX_SHOWN_CHARS;
        return new String(text, offset, shown) + "...";
    }
}
