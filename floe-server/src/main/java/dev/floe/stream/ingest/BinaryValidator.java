package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.error.RecordError;
import java.io.IOException;

/**
 * Binary values: base64 strings in the standard alphabet, with or without {@code =} padding. The
 * string is checked, not decoded: it is stored as sent.
 */
final class BinaryValidator implements ValueValidator {
    static final BinaryValidator INSTANCE = new BinaryValidator();

    private static final String EXPECTED = "binary (a base64 string)";
    private static final boolean[] ALPHABET = new boolean[128];

    static {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            ALPHABET[alphabet.charAt(i)] = true;
        }
    }

    private BinaryValidator() {}

    @Override
    public void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            context.mismatch(parser, token, EXPECTED);
            return;
        }
        char[] text = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        int problem = firstProblem(text, offset, length);
        if (problem == length) {
            context.report(RecordError.PARSE_FAILURE, "expected " + EXPECTED + ", found "
                    + FoundValue.describe(parser, token) + ", whose length (" + length
                    + ") is not a valid base64 length");
        } else if (problem >= 0) {
            context.report(RecordError.PARSE_FAILURE, "expected " + EXPECTED + ", found "
                    + FoundValue.describe(parser, token) + ", with '" + text[offset + problem] + "' at position "
                    + problem + ", which is not a base64 character");
        }
    }

    @Override
    public String expected() {
        return EXPECTED;
    }

    /**
     * -1 for valid base64; otherwise the position of the first character outside the alphabet, or
     * {@code length} when every character is fine but there are the wrong number of them.
     */
    static int firstProblem(char[] text, int offset, int length) {
        int end = offset + length;
        int padding = 0;
        while (padding < 2 && end > offset && text[end - 1] == '=') {
            end--;
            padding++;
        }
        for (int i = offset; i < end; i++) {
            char c = text[i];
            if (c >= ALPHABET.length || !ALPHABET[c]) {
                return i - offset;
            }
        }
        int dataChars = end - offset;
        boolean lengthValid = padding > 0 ? (dataChars + padding) % 4 == 0 : dataChars % 4 != 1;
        return lengthValid ? -1 : length;
    }
}
