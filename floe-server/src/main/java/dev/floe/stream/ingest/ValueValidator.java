package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Checks the values of one schema type as they stream by. */
interface ValueValidator {

    /**
     * Checks the non-null value whose first token the parser is on, reporting what is wrong with it
     * to {@code context}, and leaves the parser on the value's last token.
     */
    void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException;

    /** The type as error messages name it: {@code int32}, {@code decimal128(10,2)}, {@code list of string}. */
    String expected();
}
