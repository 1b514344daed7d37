package dev.floe.stream.ingest;

import static dev.floe.stream.ingest.IngestTesting.PARSER;
import static dev.floe.stream.ingest.IngestTesting.schema;
import static dev.floe.stream.ingest.IngestTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;
import dev.floe.stream.schema.StreamSchema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutated bodies (flipped, inserted, deleted, repeated and truncated bytes) are either read into
 * records that are each exactly one strictly valid JSON value, or refused with
 * {@link InvalidRecordsException}; nothing else ever comes out.
 */
class IngestFuzzTest {
    private static final int MUTATED_BODIES_PER_SEED = 1_000;

    private static final StreamSchema SCHEMA = schema("""
            {'fields':[
              {'name':'id','type':'int64','required':true},{'name':'name','type':'string'},
              {'name':'ok','type':'bool'},{'name':'n','type':'uint32'},{'name':'f','type':'float32'},
              {'name':'d','type':'decimal128','precision':6,'scale':2},{'name':'at','type':'timestamp','unit':'ns'},
              {'name':'raw','type':'binary'},{'name':'doc','type':'json'},
              {'name':'tags','type':'list','items':{'type':'string'}},
              {'name':'user','type':'struct','fields':[{'name':'zip','type':'string','required':true},
                {'name':'points','type':'list','items':{'type':'list','items':{'type':'float64'}}}]}]}""");

    private static final String RECORD = """
            {"id":"9007199254740993","name":"Zoë \\"z\\" \\u00e9","ok":true,"n":4294967295,"f":1.5e3,"d":"-1234.50",\
            "at":"2024-01-08T12:00:00.123456789+01:00","raw":"AAEC/w==","doc":{"a":[1,{"b":null}],"c":"d"},\
            "tags":["x","y"],"user":{"zip":"0123","points":[[1.0,2],[]]},"extra":[true,{"k":"v"}]}""";

    private static final List<byte[]> SEEDS = List.of(
            utf8("[" + RECORD + ",\n " + RECORD.replace("\"id\":\"9007199254740993\"", "\"id\":-5") + "]"),
            utf8(RECORD + "\n\n" + RECORD + "\r\n"),
            utf8(RECORD),
            utf8("[1, \"two\", [3, {\"four\": 4.0e-1}], null, {\"five\": [true, false]}]"),
            utf8("12\n\"text\"\n{\"a\":{\"b\":{\"c\":[[[]]]}}}\n-0.5e+7"));

    private static final byte[][] INSERTIONS = {
        utf8("{"), utf8("}"), utf8("["), utf8("]"), utf8(","), utf8(":"), utf8("\""), utf8("\\"), utf8("\n"),
        utf8(" "), utf8("0"), utf8("-"), utf8("e"), utf8("."), utf8("1e999"), utf8("null"), utf8("\"k\":1,"),
        utf8("\"id\":1,"), utf8("9".repeat(1200)), utf8("[".repeat(70)), {(byte) 0xC0, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        {0}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}
    };

    private static final Set<String> KINDS = Set.of(
            RecordError.MISSING_FIELD, RecordError.TYPE_MISMATCH, RecordError.PARSE_FAILURE, RecordError.NULL_VALUE);

    /** An independent judge: strict about duplicates, trailing content, and the same nesting limit. */
    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(IngestLimits.DEFAULTS.maxNestingDepth()).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void mutatedBodiesAreReadIntoValidRecordsOrRefused(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < MUTATED_BODIES_PER_SEED; i++) {
            byte[] body = SEEDS.get(random.nextInt(SEEDS.size()));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                body = mutate(random, body);
            }
            byte[] finalBody = body;
            Supplier<String> context = () -> "seed " + seed + ", body " + Arrays.toString(finalBody);
            assertThatCode(() -> readOrRefuse(finalBody, SCHEMA)).as(context).doesNotThrowAnyException();
            assertThatCode(() -> readOrRefuse(finalBody, null)).as(context).doesNotThrowAnyException();
            assertThatCode(() -> unstructuredAcceptsEverySingleJsonValue(finalBody)).as(context)
                    .doesNotThrowAnyException();
        }
    }

    private static void readOrRefuse(byte[] body, StreamSchema schemaOrNull) throws Exception {
        ParsedRecords parsed;
        try {
            parsed = PARSER.parse(body, body.length, schemaOrNull);
        } catch (InvalidRecordsException refusal) {
            assertThat(refusal.getMessage()).endsWith("; nothing was written");
            assertThat(refusal.errors()).isNotEmpty();
            assertThat(refusal.errors()).allSatisfy(error -> assertThat(KINDS).contains(error.kind()));
            return;
        }
        for (ByteBuffer record : parsed.records()) {
            JsonNode value = STRICT.readTree(strictUtf8(record));
            if (schemaOrNull != null) {
                assertThat(value.isObject()).isTrue();
            }
        }
    }

    /** What the judge reads as one JSON value (not an array) an unstructured stream must take as one record. */
    private static void unstructuredAcceptsEverySingleJsonValue(byte[] body) throws Exception {
        JsonNode value;
        try {
            value = STRICT.readTree(strictUtf8(ByteBuffer.wrap(body)));
        } catch (Exception notJson) {
            return;
        }
        if (value == null || value.isMissingNode() || value.isArray() || body[0] == (byte) 0xEF) {
            return;
        }
        assertThat(PARSER.parse(body, body.length, (StreamSchema) null).records()).hasSize(1);
    }

    private static String strictUtf8(ByteBuffer bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes.duplicate())
                .toString();
    }

    private static byte[] mutate(Random random, byte[] body) {
        if (body.length == 0) {
            return INSERTIONS[random.nextInt(INSERTIONS.length)];
        }
        int at = random.nextInt(body.length);
        return switch (random.nextInt(6)) {
            case 0 -> {
                byte[] flipped = body.clone();
                flipped[at] = (byte) random.nextInt(256);
                yield flipped;
            }
            case 1 -> Arrays.copyOf(body, at);
            case 2 -> splice(body, at, at, INSERTIONS[random.nextInt(INSERTIONS.length)]);
            case 3 -> splice(body, at, Math.min(body.length, at + 1 + random.nextInt(8)), new byte[0]);
            case 4 -> {
                int from = random.nextInt(body.length);
                int to = Math.min(body.length, from + 1 + random.nextInt(40));
                yield splice(body, at, at, Arrays.copyOfRange(body, from, to));
            }
            default -> {
                byte[] flipped = body.clone();
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                yield flipped;
            }
        };
    }

    /** {@code body} with {@code [from, to)} replaced by {@code insert}. */
    private static byte[] splice(byte[] body, int from, int to, byte[] insert) {
        byte[] result = new byte[body.length - (to - from) + insert.length];
        System.arraycopy(body, 0, result, 0, from);
        System.arraycopy(insert, 0, result, from, insert.length);
        System.arraycopy(body, to, result, from + insert.length, body.length - to);
        return result;
    }
}
