package dev.floe.stream.ingest;

import static dev.floe.stream.ingest.IngestTesting.parse;
import static dev.floe.stream.ingest.IngestTesting.refusal;
import static dev.floe.stream.ingest.IngestTesting.schema;
import static dev.floe.stream.ingest.IngestTesting.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;
import dev.floe.stream.schema.StreamSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checking record values against each field type. */
class RecordValidationTest {

    /** A schema of one field {@code v} with the given attributes, e.g. {@code 'type':'int32'}. */
    private static StreamSchema oneField(String attributes) {
        return schema("{'fields':[{'name':'v'," + attributes + "}]}");
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        'type':'string'                                  | ""
        'type':'string'                                  | "héllo \\u0000 \\"quoted\\" 😀"
        'type':'bool'                                    | true
        'type':'bool'                                    | false
        'type':'int32'                                   | 0
        'type':'int32'                                   | -2147483648
        'type':'int32'                                   | 2147483647
        'type':'int32'                                   | "2147483647"
        'type':'int32'                                   | "-2147483648"
        'type':'int32'                                   | "007"
        'type':'int64'                                   | -9223372036854775808
        'type':'int64'                                   | 9223372036854775807
        'type':'int64'                                   | "9223372036854775807"
        'type':'int64'                                   | "-9223372036854775808"
        'type':'uint32'                                  | 0
        'type':'uint32'                                  | 4294967295
        'type':'uint32'                                  | "4294967295"
        'type':'uint64'                                  | 18446744073709551615
        'type':'uint64'                                  | "18446744073709551615"
        'type':'uint64'                                  | "0"
        'type':'float32'                                 | 1.5
        'type':'float32'                                 | -3.4028234e38
        'type':'float32'                                 | 1e-60
        'type':'float32'                                 | 16777217
        'type':'float64'                                 | 1.7976931348623157e308
        'type':'float64'                                 | -1E-400
        'type':'float64'                                 | 123456789012345678901234567890
        'type':'decimal128','precision':10,'scale':2     | 12345678.99
        'type':'decimal128','precision':10,'scale':2     | -12345678.99
        'type':'decimal128','precision':10,'scale':2     | "12345678.99"
        'type':'decimal128','precision':10,'scale':2     | "-0001.10"
        'type':'decimal128','precision':10,'scale':2     | 0
        'type':'decimal128','precision':10,'scale':2     | 0.000
        'type':'decimal128','precision':10,'scale':2     | 1.2300000
        'type':'decimal128','precision':10,'scale':2     | 1e7
        'type':'decimal128','precision':10,'scale':2     | 1.2345E3
        'type':'decimal128','precision':10,'scale':2     | 123e-2
        'type':'decimal128','precision':10,'scale':2     | 0e999999999999
        'type':'decimal128','precision':38,'scale':0     | 99999999999999999999999999999999999999
        'type':'decimal128','precision':38,'scale':0     | "-99999999999999999999999999999999999999"
        'type':'decimal128','precision':5,'scale':5      | 0.12345
        'type':'decimal128','precision':5,'scale':5      | "-0.12345e0"
        'type':'timestamp'                               | 0
        'type':'timestamp'                               | -1
        'type':'timestamp'                               | 9223372036854775807
        'type':'timestamp'                               | "2024-01-08T12:00:00Z"
        'type':'timestamp'                               | "2024-01-08T12:00:00.123456789+05:30"
        'type':'timestamp'                               | "2024-01-08t12:00:00.1z"
        'type':'timestamp'                               | "2024-01-08 12:00:00-08:00"
        'type':'timestamp'                               | "2024-02-29T00:00:00Z"
        'type':'timestamp'                               | "2000-02-29T23:59:59+23:59"
        'type':'timestamp'                               | "0000-01-01T00:00:00Z"
        'type':'timestamp'                               | "9999-12-31T23:59:59.999999999Z"
        'type':'timestamp','unit':'s'                    | 1704715200
        'type':'timestamp','unit':'ms'                   | 1704715200000
        'type':'timestamp','unit':'us'                   | 1704715200000000
        'type':'timestamp','unit':'ns'                   | 1704715200000000000
        'type':'timestamp','unit':'ns'                   | "2262-04-11T23:47:16.854775807Z"
        'type':'timestamp','unit':'ns'                   | "1677-09-21T00:12:43.145224192Z"
        'type':'timestamp','unit':'ns'                   | "2262-04-12T00:47:16.854775807+01:00"
        'type':'json'                                    | {"a":[1,{"b":null}],"c":"d"}
        'type':'json'                                    | [1,"x"]
        'type':'json'                                    | "text"
        'type':'json'                                    | 2.5
        'type':'binary'                                  | ""
        'type':'binary'                                  | "QQ=="
        'type':'binary'                                  | "QQ"
        'type':'binary'                                  | "QUI="
        'type':'binary'                                  | "QUI"
        'type':'binary'                                  | "QUJD"
        'type':'bytes'                                   | "+/+/ab09"
        'type':'list','items':{'type':'int32'}           | []
        'type':'list','items':{'type':'int32'}           | [1,2,3]
        'type':'list','items':{'type':'int32'}           | [null,1]
        'type':'list','items':{'type':'list','items':{'type':'string'}} | [["a"],[],["b","c"]]
        'type':'struct','fields':[{'name':'zip','type':'string','required':true}] | {"zip":"x","extra":[1]}
        'type':'int32','required':false                  | null
        'type':'struct','fields':[{'name':'zip','type':'string'}] | null
        """)
    void acceptsValidValues(String attributes, String value) {
        String record = "{\"v\":" + value + "}";

        assertThat(texts(parse(record, oneField(attributes)))).containsExactly(record);
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        'type':'string'        | 1                        | type_mismatch | expected string, found number 1
        'type':'string'        | {"a":1}                  | type_mismatch | expected string, found object
        'type':'string'        | ["a"]                    | type_mismatch | expected string, found array
        'type':'bool'          | "true"                   | type_mismatch | expected bool, found string "true"
        'type':'bool'          | 1                        | type_mismatch | expected bool, found number 1
        'type':'int32'         | 2147483648               | type_mismatch | expected int32, found number 2147483648, outside the int32 range -2147483648 to 2147483647
        'type':'int32'         | -2147483649              | type_mismatch | expected int32, found number -2147483649, outside the int32 range
        'type':'int32'         | "2147483648"             | type_mismatch | expected int32, found string "2147483648", outside the int32 range
        'type':'int32'         | 1.5                      | type_mismatch | expected int32, found number 1.5
        'type':'int32'         | 1.0                      | type_mismatch | expected int32, found number 1.0
        'type':'int32'         | 1e3                      | type_mismatch | expected int32, found number 1e3
        'type':'int32'         | "abc"                    | type_mismatch | expected int32, found string "abc"
        'type':'int32'         | " 1"                     | type_mismatch | expected int32, found string " 1"
        'type':'int32'         | "+1"                     | type_mismatch | expected int32, found string "+1"
        'type':'int32'         | ""                       | type_mismatch | expected int32, found string ""
        'type':'int32'         | "-"                      | type_mismatch | expected int32, found string "-"
        'type':'int32'         | true                     | type_mismatch | expected int32, found bool true
        'type':'int64'         | 9223372036854775808      | type_mismatch | expected int64, found number 9223372036854775808, outside the int64 range -9223372036854775808 to 9223372036854775807
        'type':'int64'         | "-9223372036854775809"   | type_mismatch | outside the int64 range
        'type':'uint32'        | -1                       | type_mismatch | expected uint32, found number -1, outside the uint32 range 0 to 4294967295
        'type':'uint32'        | 4294967296               | type_mismatch | outside the uint32 range
        'type':'uint64'        | 18446744073709551616     | type_mismatch | expected uint64, found number 18446744073709551616, outside the uint64 range 0 to 18446744073709551615
        'type':'uint64'        | "18446744073709551616"   | type_mismatch | outside the uint64 range
        'type':'uint64'        | "-1"                     | type_mismatch | outside the uint64 range
        'type':'uint64'        | "184467440737095516150"  | type_mismatch | outside the uint64 range
        'type':'float32'       | 3.5e38                   | type_mismatch | expected float32, found number 3.5e38, too large for float32
        'type':'float32'       | "1.5"                    | type_mismatch | expected float32, found string "1.5"
        'type':'float64'       | 1e309                    | type_mismatch | expected float64, found number 1e309, too large for float64
        'type':'float64'       | -1e999999999             | type_mismatch | too large for float64
        'type':'float64'       | false                    | type_mismatch | expected float64, found bool false
        'type':'decimal128','precision':10,'scale':2 | 123456789.5  | type_mismatch | expected decimal128(10,2) (at most 8 digits before the decimal point and 2 after), found number 123456789.5
        'type':'decimal128','precision':10,'scale':2 | 1.234        | type_mismatch | expected decimal128(10,2) (at most 8 digits before the decimal point and 2 after), found number 1.234
        'type':'decimal128','precision':10,'scale':2 | 1e8          | type_mismatch | found number 1e8
        'type':'decimal128','precision':10,'scale':2 | 1e-3         | type_mismatch | found number 1e-3
        'type':'decimal128','precision':10,'scale':2 | 1e999999999999 | type_mismatch | found number 1e999999999999
        'type':'decimal128','precision':10,'scale':2 | "1.2.3"      | type_mismatch | expected decimal128(10,2), found string "1.2.3"
        'type':'decimal128','precision':10,'scale':2 | "1e"         | type_mismatch | expected decimal128(10,2), found string "1e"
        'type':'decimal128','precision':10,'scale':2 | "1."         | type_mismatch | expected decimal128(10,2), found string "1."
        'type':'decimal128','precision':10,'scale':2 | "NaN"        | type_mismatch | expected decimal128(10,2), found string "NaN"
        'type':'decimal128','precision':10,'scale':2 | [1]          | type_mismatch | expected decimal128(10,2), found array
        'type':'decimal128','precision':38,'scale':0 | 100000000000000000000000000000000000000 | type_mismatch | at most 38 digits before the decimal point and 0 after
        'type':'timestamp'     | "2024-01-08"             | parse_failure | expected timestamp (an RFC 3339 string like 2024-01-08T12:00:00Z, or an integer count of milliseconds since 1970-01-01T00:00:00Z), found string "2024-01-08"
        'type':'timestamp'     | "yesterday"              | parse_failure | found string "yesterday"
        'type':'timestamp'     | "2024-02-30T00:00:00Z"   | parse_failure | found string "2024-02-30T00:00:00Z"
        'type':'timestamp'     | "2023-02-29T00:00:00Z"   | parse_failure | found string "2023-02-29T00:00:00Z"
        'type':'timestamp'     | "1900-02-29T00:00:00Z"   | parse_failure | found string "1900-02-29T00:00:00Z"
        'type':'timestamp'     | "2024-01-08T24:00:00Z"   | parse_failure | found string
        'type':'timestamp'     | "2024-01-08T12:60:00Z"   | parse_failure | found string
        'type':'timestamp'     | "2024-01-08T12:00:60Z"   | parse_failure | found string
        'type':'timestamp'     | "2024-13-08T12:00:00Z"   | parse_failure | found string
        'type':'timestamp'     | "2024-01-08T12:00:00"    | parse_failure | found string
        'type':'timestamp'     | "2024-01-08T12:00:00.Z"  | parse_failure | found string
        'type':'timestamp'     | "2024-01-08T12:00:00.1234567891Z" | parse_failure | found string
        'type':'timestamp'     | "2024-01-08T12:00:00+0100" | parse_failure | found string
        'type':'timestamp'     | "2024-01-08T12:00:00+24:00" | parse_failure | found string
        'type':'timestamp'     | "2024-01-08T12:00:00Z "  | parse_failure | found string
        'type':'timestamp'     | "2024-01-08X12:00:00Z"   | parse_failure | found string
        'type':'timestamp'     | "+2024-01-08T12:00:00Z"  | parse_failure | found string
        'type':'timestamp'     | 1.5                      | type_mismatch | expected timestamp (an RFC 3339 string like 2024-01-08T12:00:00Z, or an integer count of milliseconds since 1970-01-01T00:00:00Z), found number 1.5
        'type':'timestamp'     | true                     | type_mismatch | found bool true
        'type':'timestamp'     | 9223372036854775808      | type_mismatch | found number 9223372036854775808, outside the range of a 64-bit count of milliseconds
        'type':'timestamp','unit':'ns' | "2262-04-11T23:47:16.854775808Z" | type_mismatch | found string "2262-04-11T23:47:16.854775808Z", outside the range of a 64-bit count of nanoseconds
        'type':'timestamp','unit':'ns' | "1677-09-21T00:12:43.145224191Z" | type_mismatch | outside the range of a 64-bit count of nanoseconds
        'type':'timestamp','unit':'ns' | "2262-04-11T23:47:16.854775807-00:01" | type_mismatch | outside the range of a 64-bit count of nanoseconds
        'type':'timestamp','unit':'s'  | "x"          | parse_failure | an integer count of seconds since
        'type':'binary'        | "QQ="                    | parse_failure | expected binary (a base64 string), found string "QQ=", whose length (3) is not a valid base64 length
        'type':'binary'        | "Q"                      | parse_failure | whose length (1) is not a valid base64 length
        'type':'binary'        | "QUJDR"                  | parse_failure | whose length (5) is not a valid base64 length
        'type':'binary'        | "QQ==QQ=="               | parse_failure | with '=' at position 2, which is not a base64 character
        'type':'binary'        | "QQ==="                  | parse_failure | with '=' at position 2, which is not a base64 character
        'type':'binary'        | "a-b_"                   | parse_failure | expected binary (a base64 string), found string "a-b_", with '-' at position 1, which is not a base64 character
        'type':'binary'        | "QQ é"                   | parse_failure | with ' ' at position 2
        'type':'binary'        | 12                       | type_mismatch | expected binary (a base64 string), found number 12
        'type':'list','items':{'type':'int32'} | "a"       | type_mismatch | expected list of int32, found string "a"
        'type':'list','items':{'type':'int32'} | {}        | type_mismatch | expected list of int32, found object
        'type':'struct','fields':[{'name':'a','type':'int32'}] | [] | type_mismatch | expected struct, found array
        'type':'struct','fields':[{'name':'a','type':'int32'}] | "s" | type_mismatch | expected struct, found string "s"
        'type':'string','required':true | null            | null_value    | expected string, found null; the field is required
        'type':'list','required':true,'items':{'type':'int32'} | null | null_value | expected list of int32, found null; the field is required
        """)
    void refusesInvalidValues(String attributes, String value, String kind, String message) {
        InvalidRecordsException refusal = refusal("{\"v\":" + value + "}", oneField(attributes));

        assertThat(refusal.errors()).singleElement().satisfies(error -> {
            assertThat(error.index()).isZero();
            assertThat(error.field()).isEqualTo("v");
            assertThat(error.kind()).isEqualTo(kind);
            assertThat(error.message()).contains(message);
        });
        assertThat(refusal.getMessage()).isEqualTo("1 of 1 record is invalid; nothing was written");
    }

    @Test
    void missingRequiredFieldsAreNamedByPath() {
        StreamSchema schema = schema("""
                {'fields':[
                  {'name':'id','type':'string','required':true},
                  {'name':'user','type':'struct','fields':[
                    {'name':'address','type':'struct','required':true,'fields':[
                      {'name':'zip','type':'string','required':true},{'name':'city','type':'string'}]}]}]}""");

        InvalidRecordsException refusal = refusal(
                "[{\"user\":{\"address\":{\"city\":\"x\"}}}, {\"id\":\"a\",\"user\":{}}]", schema);

        assertThat(refusal.errors())
                .extracting(RecordError::index, RecordError::field, RecordError::kind, RecordError::message)
                .containsExactly(
                        tuple(0, "user.address.zip", RecordError.MISSING_FIELD,
                                "missing required field \"zip\" (string)"),
                        tuple(0, "id", RecordError.MISSING_FIELD, "missing required field \"id\" (string)"),
                        tuple(1, "user.address", RecordError.MISSING_FIELD,
                                "missing required field \"address\" (struct)"));
    }

    @Test
    void listElementsAreNamedByIndex() {
        StreamSchema schema = schema("""
                {'fields':[
                  {'name':'tags','type':'list','items':{'type':'string'}},
                  {'name':'matrix','type':'list','items':{'type':'list','items':{'type':'int32','required':true}}},
                  {'name':'orders','type':'list','items':{'type':'struct','fields':[
                    {'name':'lines','type':'list','items':{'type':'struct','fields':[
                      {'name':'sku','type':'string','required':true},{'name':'qty','type':'uint32'}]}}]}}]}""");
        String record = """
                {"tags":["a","b",3],"matrix":[[1],[2,null,"x"]],
                 "orders":[{"lines":[]},{"lines":[{"sku":"s","qty":1},{"qty":-1}]}]}""";

        InvalidRecordsException refusal = refusal(record, schema);

        assertThat(refusal.errors()).extracting(RecordError::field, RecordError::kind).containsExactly(
                tuple("tags[2]", RecordError.TYPE_MISMATCH),
                tuple("matrix[1][1]", RecordError.NULL_VALUE),
                tuple("matrix[1][2]", RecordError.TYPE_MISMATCH),
                tuple("orders[1].lines[1].qty", RecordError.TYPE_MISMATCH),
                tuple("orders[1].lines[1].sku", RecordError.MISSING_FIELD));
    }

    @Test
    void checkingGoesOnPastAnInvalidValueOfAnyShape() {
        StreamSchema schema = schema("""
                {'fields':[{'name':'a','type':'int32'},{'name':'b','type':'string'},
                  {'name':'c','type':'bool','required':true}]}""");

        InvalidRecordsException refusal = refusal(
                "{\"a\":{\"deep\":[{\"x\":1},[2]]},\"b\":[[],{}],\"c\":\"no\"}\n{\"c\":true}\n{\"a\":[1]}", schema);

        assertThat(refusal.errors()).extracting(RecordError::index, RecordError::field).containsExactly(
                tuple(0, "a"), tuple(0, "b"), tuple(0, "c"), tuple(2, "a"), tuple(2, "c"));
        assertThat(refusal.getMessage()).isEqualTo("2 of 3 records are invalid; nothing was written");
    }

    @Test
    void longValuesAreCutShortInMessages() {
        String longText = "x".repeat(1000);

        RecordError error = refusal("{\"v\":\"" + longText + "\"}", oneField("'type':'int64'")).errors().get(0);

        assertThat(error.message()).isEqualTo("expected int64, found string \"" + "x".repeat(40) + "...\"");
    }

    @Test
    void aHundredThousandDigitStringIsOutOfRangeNotAHang() {
        String digits = "9".repeat(100_000);

        RecordError asInteger = refusal("{\"v\":\"" + digits + "\"}", oneField("'type':'uint64'")).errors().get(0);
        RecordError asDecimal = refusal("{\"v\":\"" + digits + "\"}",
                oneField("'type':'decimal128','precision':38,'scale':2")).errors().get(0);

        assertThat(asInteger.message()).contains("outside the uint64 range");
        assertThat(asDecimal.message()).contains("at most 36 digits before the decimal point");
    }

    @Test
    void recordsThatAreNotObjectsAreTypeMismatchesInStructuredStreams() {
        StreamSchema schema = oneField("'type':'int32'");

        InvalidRecordsException refusal = refusal("[{\"v\":1}, \"x\", [{\"v\":1}], null, {\"v\":2}]", schema);

        assertThat(refusal.errors())
                .extracting(RecordError::index, RecordError::field, RecordError::kind, RecordError::message)
                .containsExactly(
                        tuple(1, "", RecordError.TYPE_MISMATCH, "expected a JSON object, found string \"x\""),
                        tuple(2, "", RecordError.TYPE_MISMATCH, "expected a JSON object, found array"),
                        tuple(3, "", RecordError.TYPE_MISMATCH, "expected a JSON object, found null"));
    }

    @Test
    void structsWithManyFieldsTrackEachOne() {
        StringBuilder fields = new StringBuilder();
        StringBuilder record = new StringBuilder("{");
        for (int i = 0; i < 130; i++) {
            fields.append(i == 0 ? "" : ",").append("{'name':'f").append(i).append("','type':'int32','required':true}");
            if (i != 64 && i != 129) {
                record.append(record.length() == 1 ? "" : ",").append("\"f").append(i).append("\":").append(i);
            }
        }
        StreamSchema schema = schema("{'fields':[" + fields + "]}");

        InvalidRecordsException refusal = refusal(record.append('}').toString(), schema);

        assertThat(refusal.errors()).extracting(RecordError::field).containsExactly("f64", "f129");
    }
}
