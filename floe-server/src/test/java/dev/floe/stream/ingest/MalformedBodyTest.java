package dev.floe.stream.ingest;

import static dev.floe.stream.ingest.IngestTesting.PARSER;
import static dev.floe.stream.ingest.IngestTesting.refusal;
import static dev.floe.stream.ingest.IngestTesting.schema;
import static dev.floe.stream.ingest.IngestTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;
import dev.floe.stream.schema.StreamSchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies that are not JSON, or not a batch of records: each is refused whole with a located reason. */
class MalformedBodyTest {
    private static final StreamSchema SCHEMA = schema("""
            {'fields':[{'name':'a','type':'int32'},{'name':'j','type':'json'},
              {'name':'s','type':'struct','fields':[{'name':'x','type':'string'}]},
              {'name':'l','type':'list','items':{'type':'struct','fields':[{'name':'y','type':'int32'}]}}]}""");

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** Case name, body, record index of the failure, and what the message says after "request body is ". */
    static Stream<Arguments> brokenBodies() {
        String deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        String object100Keys = "{" + String.join(",", Stream.iterate(0, i -> i + 1).limit(100)
                .map(i -> "\"k" + i + "\":" + i).toList()) + ",\"k57\":0}";
        return Stream.of(
                Arguments.of("empty", bytes(""), 0, "not a valid batch of records at line 1, column 1: the body is empty"),
                Arguments.of("whitespace only", bytes(" \n\t\r\n "), 0, "not a valid batch of records at line 1, column 1: the body is empty"),
                Arguments.of("byte order mark", bytes(0xEF, 0xBB, 0xBF, "{\"a\":1}"), 0,
                        "not a valid batch of records at line 1, column 1: the body starts with a byte order mark (U+FEFF)"),
                Arguments.of("UTF-16", "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), 0, "not valid JSON at line 1, column 3: Illegal character ((CTRL-CHAR, code 0))"),
                Arguments.of("truncated array", bytes("[{\"a\":1},{\"a\":2}"), 2,
                        "not valid JSON at line 1, column 17: Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 1)"),
                Arguments.of("truncated object", bytes("[{\"a\":1},{\"a\":"), 1, "not valid JSON at line 1, column 15: Unexpected end-of-input within/between Object entries"),
                Arguments.of("truncated string", bytes("{\"s\":{\"x\":\"abc"), 0, "not valid JSON at line 1, column 15: Unexpected end-of-input in VALUE_STRING"),
                Arguments.of("truncated literal", bytes("{\"j\":tru"), 0, "not valid JSON at line 1, column 6: Unrecognized token 'tru'"),
                Arguments.of("truncated second line", bytes("{\"a\":1}\n{\"a\":"), 1, "not valid JSON at line 2, column 6: Unexpected end-of-input"),
                Arguments.of("error on line 4", bytes("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3,\"j\":[1,2,}\n"), 2,
                        "not valid JSON at line 4, column 17: Unexpected character ('}' (code 125)): expected a value"),
                Arguments.of("invalid UTF-8 start byte", bytes("{\"s\":{\"x\":\"", 0xFF, "\"}}"), 0, "not valid JSON at line 1, column 13: Invalid UTF-8 start byte 0xff"),
                Arguments.of("invalid UTF-8 middle byte", bytes("{\"a\":1,\"other\":\"", 0xC3, "(\"}"), 0, "Invalid UTF-8 middle byte 0x28"),
                Arguments.of("invalid UTF-8 in a key", bytes("{\"", 0xFE, "\":1}"), 0, "Invalid UTF-8 start byte 0xfe"),
                Arguments.of("overlong UTF-8", bytes("[{}, {\"other\":\"", 0xC0, 0x80, "\"}]"), 1,
                        "not valid JSON at line 1, column 16: Invalid UTF-8 sequence starting with byte 0xc0"),
                Arguments.of("UTF-8 surrogate", bytes("{\"s\":{\"x\":\"", 0xED, 0xA0, 0x80, "\"}}"), 0,
                        "not valid JSON at line 1, column 12: Invalid UTF-8 sequence starting with byte 0xed"),
                Arguments.of("UTF-8 above U+10FFFF", bytes("{\"j\":\"", 0xF4, 0x90, 0x80, 0x80, "\"}"), 0, "Invalid UTF-8 sequence starting with byte 0xf4"),
                Arguments.of("raw control character", bytes("{\"s\":{\"x\":\"a", 0x01, "\"}}"), 0, "Illegal unquoted character ((CTRL-CHAR, code 1))"),
                Arguments.of("10,000 nested arrays", bytes(deepArrays), 0,
                        "not valid JSON at line 1, column 66: Document nesting depth (65) exceeds the maximum allowed (64)"),
                Arguments.of("10,000 nested objects", bytes("[{\"j\":" + deepObjects + "}]"), 0, "Document nesting depth (65) exceeds the maximum allowed (64)"),
                Arguments.of("100,000-digit number", bytes("{\"a\":" + "9".repeat(100_000) + "}"), 0,
                        "Number value length (100000) exceeds the maximum allowed (1000)"),
                Arguments.of("100,000-digit fraction", bytes("{\"j\":0." + "1".repeat(100_000) + "}"), 0, "exceeds the maximum allowed (1000)"),
                Arguments.of("duplicate schema key", bytes("{\"a\":1,\"a\":2}"), 0, "not valid JSON at line 1, column 13: Duplicate field 'a'"),
                Arguments.of("duplicate other key", bytes("{\"b\":1,\"a\":1,\"b\":2}"), 0, "Duplicate field 'b'"),
                Arguments.of("duplicate key in a struct", bytes("{}\n{\"s\":{\"x\":\"1\",\"z\":1,\"x\":\"2\"}}"), 1, "not valid JSON at line 2, column 26: Duplicate field 'x'"),
                Arguments.of("duplicate key in json", bytes("{\"j\":[{\"q\":1,\"r\":{\"q\":1},\"q\":2}]}"), 0, "Duplicate field 'q'"),
                Arguments.of("duplicate key in an unknown field", bytes("{\"b\":{\"c\":{\"d\":1,\"d\":1}}}"), 0, "Duplicate field 'd'"),
                Arguments.of("duplicate key in a list of structs", bytes("{\"l\":[{\"y\":1},{\"y\":1,\"y\":2}]}"), 0, "Duplicate field 'y'"),
                Arguments.of("duplicate in a mistyped value", bytes("{\"a\":{\"k\":1,\"k\":1}}"), 0, "Duplicate field 'k'"),
                Arguments.of("duplicate among 100 keys", bytes("{\"j\":" + object100Keys + "}"), 0, "Duplicate field 'k57'"),
                Arguments.of("trailing comma in array", bytes("[{\"a\":1},]"), 1, "not valid JSON at line 1, column 10: Unexpected character (']' (code 93)): expected a value"),
                Arguments.of("trailing comma in object", bytes("{\"a\":1,}"), 0, "Unexpected character ('}' (code 125)): was expecting double-quote to start field name"),
                Arguments.of("garbage after array", bytes("[{\"a\":1}]\n  x"), 1,
                        "not a valid batch of records at line 2, column 3: unexpected content after the array of records"),
                Arguments.of("close bracket after array", bytes("[{}]]"), 1, "not a valid batch of records at line 1, column 5: unexpected content after the array"),
                Arguments.of("two arrays", bytes("[{\"a\":1}][{\"a\":2}]"), 1, "not a valid batch of records at line 1, column 10: a second top-level array"),
                Arguments.of("two arrays on two lines", bytes("[{}]\n[{}]"), 1, "a second top-level array; send all records in one array"),
                Arguments.of("garbage after object", bytes("{\"a\":1} x"), 1, "not valid JSON at line 1, column 9: Unrecognized token 'x'"),
                Arguments.of("two objects on one line", bytes("{\"a\":1} {\"a\":2}\n"), 1,
                        "not a valid batch of records at line 1, column 9: another value on the same line; put one JSON record per line"),
                Arguments.of("objects back to back", bytes("{}{}"), 1, "another value on the same line"),
                Arguments.of("lone close bracket", bytes("]"), 0, "not valid JSON at line 1, column 1: Unexpected close marker ']'"),
                Arguments.of("lone open bracket", bytes("["), 0, "Unexpected end-of-input"),
                Arguments.of("comment", bytes("// note\n{\"a\":1}"), 0, "Unexpected character ('/' (code 47))"),
                Arguments.of("single quotes", bytes("{'a':1}"), 0, "was expecting double-quote to start field name"),
                Arguments.of("NaN", bytes("{\"j\":NaN}"), 0, "Non-standard token 'NaN'"),
                Arguments.of("leading zero", bytes("{\"a\":01}"), 0, "Invalid numeric value: Leading zeroes not allowed"),
                Arguments.of("number run into a letter", bytes("{\"a\":1x}"), 0, "Unexpected character ('x' (code 120))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBodies")
    void refusesWithAParseFailureAtTheRecordWhereItHappened(String caseName, byte[] body, int index, String reason) {
        InvalidRecordsException refusal = refusal(body, SCHEMA);

        RecordError failure = refusal.errors().getLast();
        assertThat(failure.kind()).isEqualTo(RecordError.PARSE_FAILURE);
        assertThat(failure.index()).isEqualTo(index);
        assertThat(failure.field()).isEmpty();
        assertThat(failure.message()).contains(reason).containsPattern("at line \\d+, column \\d+: ");
        assertThat(refusal.getMessage()).isEqualTo("request body is " + failure.message() + "; nothing was written");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBodies")
    void unstructuredStreamsRefuseTheSameBodies(String caseName, byte[] body, int index, String reason) {
        InvalidRecordsException refusal = refusal(body, null);

        assertThat(refusal.errors()).singleElement()
                .satisfies(error -> assertThat(error.kind()).isEqualTo(RecordError.PARSE_FAILURE));
    }

    @Test
    void nonObjectRecordsOfAStructuredStreamAreTypeMismatches() {
        assertThat(refusal("[1,2]", SCHEMA).errors())
                .extracting(RecordError::index, RecordError::kind, RecordError::message)
                .containsExactly(
                        tuple(0, RecordError.TYPE_MISMATCH, "expected a JSON object, found number 1"),
                        tuple(1, RecordError.TYPE_MISMATCH, "expected a JSON object, found number 2"));
        assertThat(refusal("\"hello\"", SCHEMA).errors())
                .extracting(RecordError::index, RecordError::kind, RecordError::message)
                .containsExactly(tuple(0, RecordError.TYPE_MISMATCH, "expected a JSON object, found string \"hello\""));
        assertThat(refusal("[{}, [{}], {}]", SCHEMA).errors()).extracting(RecordError::index, RecordError::message)
                .containsExactly(tuple(1, "expected a JSON object, found array"));
        assertThat(refusal("{}\nnull\n", SCHEMA).errors()).extracting(RecordError::index, RecordError::message)
                .containsExactly(tuple(1, "expected a JSON object, found null"));
    }

    @Test
    void validationErrorsBeforeTheBreakAreReportedWithIt() {
        InvalidRecordsException refusal = refusal("{\"a\":\"x\"}\n{\"a\":2}\n{\"a\":", SCHEMA);

        assertThat(refusal.errors()).extracting(RecordError::index, RecordError::kind).containsExactly(
                tuple(0, RecordError.TYPE_MISMATCH), tuple(2, RecordError.PARSE_FAILURE));
        assertThat(refusal.totalErrors()).isEqualTo(2);
        assertThat(refusal.getMessage())
                .startsWith("request body is not valid JSON at line 3, column 6: Unexpected end-of-input");
    }

    @Test
    void theNestingLimitIsConfigurable() {
        IngestBodyParser shallow = new IngestBodyParser(IngestLimits.DEFAULTS.withMaxNestingDepth(3));
        byte[] ok = utf8("[{\"j\":[1]}]");
        byte[] deep = utf8("[{\"j\":[[1]]}]");

        assertThat(shallow.parse(ok, ok.length, SCHEMA).records()).hasSize(1);
        assertThat(catchThrowableOfType(InvalidRecordsException.class, () -> shallow.parse(deep, deep.length, SCHEMA))
                .errors().getLast().message()).contains("Document nesting depth (4) exceeds the maximum allowed (3)");
        assertThat(PARSER.parse(deep, deep.length, SCHEMA).records()).hasSize(1);
    }
}
