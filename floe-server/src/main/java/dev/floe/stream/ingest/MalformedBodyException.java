package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * The request body cannot be read to its end: it is not JSON, or not a batch of records. The message
 * says what and where, as {@code <problem> at line L, column C: <detail>}, columns counted in bytes.
 */
final class MalformedBodyException extends Exception {
    /** Jackson writes nested locations as {@code [Source: ...; line: 1, column: 2]}. */
    private static final Pattern NESTED_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*; line: (\\d+), column: (\\d+)\\]");
    /** Jackson names the setting behind a limit ({@code , from `StreamReadConstraints...`}), useless to a client. */
    private static final Pattern SETTING_NAME = Pattern.compile(", from `[^`]*`");

    MalformedBodyException(String problem, int line, int column, String detail) {
        // Thrown once per bad request and caught one frame up: a stack trace would only cost time.
        super(problem + " at line " + line + ", column " + column + ": " + detail, null, false, false);
    }

    /** The JSON syntax error, or exceeded limit, that Jackson reported. */
    static MalformedBodyException invalidJson(JsonProcessingException e, JsonLocation parserLocation) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parserLocation;
        String detail = NESTED_LOCATION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
        detail = SETTING_NAME.matcher(detail).replaceAll("");
        return new MalformedBodyException("not valid JSON", at.getLineNr(), at.getColumnNr(), detail);
    }

    /** A failure at a byte offset of a body, located by line and column the way the JSON parser counts them. */
    static MalformedBodyException at(byte[] body, int length, int offset, String problem, String detail) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (body[i] == '\n' || (body[i] == '\r' && (i + 1 == length || body[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new MalformedBodyException(problem, line, offset - lineStart + 1, detail);
    }
}
