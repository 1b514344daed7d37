package dev.floe.stream.ingest;

import static dev.floe.stream.ingest.IngestTesting.PARSER;
import static dev.floe.stream.ingest.IngestTesting.parse;
import static dev.floe.stream.ingest.IngestTesting.refusal;
import static dev.floe.stream.ingest.IngestTesting.schema;
import static dev.floe.stream.ingest.IngestTesting.texts;
import static dev.floe.stream.ingest.IngestTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;
import dev.floe.stream.schema.StreamSchema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** How bodies are split into records, and what comes back. */
class IngestBodyParserTest {
    private static final StreamSchema EVENTS = schema("""
            {'fields':[{'name':'id','type':'int64','required':true},{'name':'name','type':'string'}]}""");

    @Test
    void readsAnArrayOfRecordsAsSlicesOfTheBody() {
        String body = "[ {\"id\":1,\"name\":\"a\"},\n  {\"id\":2} ,{\"name\":\"ü\",\"id\":3}\n]\n";
        byte[] bytes = utf8(body);

        ParsedRecords parsed = PARSER.parse(bytes, bytes.length, EVENTS);

        assertThat(texts(parsed))
                .containsExactly("{\"id\":1,\"name\":\"a\"}", "{\"id\":2}", "{\"name\":\"ü\",\"id\":3}");
        ByteBuffer second = parsed.records().get(1);
        assertThat(second.array()).isSameAs(bytes);
        assertThat(second.position()).isEqualTo(body.indexOf("{\"id\":2}"));
        assertThat(parsed.payloadBytes()).isEqualTo(
                parsed.records().stream().mapToLong(ByteBuffer::remaining).sum());
    }

    @Test
    void readsNdjsonWithBlankLinesAndCrlf() {
        String body = "\n{\"id\":1}\r\n\r\n  {\"id\":2,\"name\":\"x\"}  \n\n{\"id\":3}";

        assertThat(texts(parse(body, EVENTS))).containsExactly("{\"id\":1}", "{\"id\":2,\"name\":\"x\"}", "{\"id\":3}");
    }

    @Test
    void readsASingleObject() {
        assertThat(texts(parse("  {\"id\":7}\n", EVENTS))).containsExactly("{\"id\":7}");
    }

    @Test
    void anEmptyArrayIsAnEmptyBatch() {
        ParsedRecords parsed = parse(" [ \n ] ", EVENTS);

        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.payloadBytes()).isZero();
    }

    @Test
    void keepsFieldsThatAreNotInTheSchema() {
        String record = "{\"id\":1,\"extra\":{\"deep\":[1,{\"x\":null}]},\"more\":\"text\"}";

        assertThat(texts(parse("[" + record + "]", EVENTS))).containsExactly(record);
    }

    @Test
    void readsOnlyTheGivenLengthOfTheBuffer() {
        byte[] buffer = utf8("{\"id\":1}\n{\"id\":2}GARBAGE");

        ParsedRecords parsed = PARSER.parse(buffer, buffer.length - "GARBAGE".length(), EVENTS);

        assertThat(texts(parsed)).containsExactly("{\"id\":1}", "{\"id\":2}");
        assertThatThrownBy(() -> PARSER.parse(buffer, buffer.length + 1, EVENTS))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void unstructuredStreamsTakeAnyJsonValueWhole() {
        String body = "[1, \"two\" ,true,null , -2.5e3,{\"a\":[1,{\"b\":2}]},[3,[4]],\"\\\"q\\\"\"]";

        assertThat(texts(parse(body, null))).containsExactly(
                "1", "\"two\"", "true", "null", "-2.5e3", "{\"a\":[1,{\"b\":2}]}", "[3,[4]]", "\"\\\"q\\\"\"");
    }

    @Test
    void unstructuredNdjsonKeepsEachLineValue() {
        String body = "12 \n\"x y\"\n{\"a\":1}\n[1,2]\nfalse\n-0.5";

        assertThat(texts(parse(body, null))).containsExactly("12", "\"x y\"", "{\"a\":1}", "[1,2]", "false", "-0.5");
    }

    @Test
    void unstructuredSingleScalars() {
        assertThat(texts(parse("\"hello\"", null))).containsExactly("\"hello\"");
        assertThat(texts(parse(" 42 ", null))).containsExactly("42");
        assertThat(texts(parse("null", null))).containsExactly("null");
    }

    @Test
    void aCompiledValidatorGivesTheSameResultAndCanBeShared() throws Exception {
        RecordValidator validator = RecordValidator.forSchema(EVENTS);
        byte[] body = utf8("[{\"id\":1},{\"id\":2}]");
        byte[] bad = utf8("[{\"id\":1},{\"id\":\"x\"}]");

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        assertThat(PARSER.parse(body, body.length, validator).records()).hasSize(2);
                        assertThatThrownBy(() -> PARSER.parse(bad, bad.length, validator))
                                .isInstanceOf(InvalidRecordsException.class)
                                .extracting(e -> ((InvalidRecordsException) e).errors().get(0).index())
                                .isEqualTo(1);
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
        assertThat(validator.schema()).isSameAs(EVENTS);
        assertThat(RecordValidator.forSchema(null)).isSameAs(RecordValidator.UNSTRUCTURED);
        assertThat(RecordValidator.UNSTRUCTURED.schema()).isNull();
    }

    @Test
    void summaryCountsInvalidRecordsAndListsEveryError() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String record = switch (i) {
                case 2 -> "{\"id\":\"x\",\"name\":1}";
                case 5, 9 -> "{}";
                default -> "{\"id\":" + i + "}";
            };
            body.append(record).append('\n');
        }

        InvalidRecordsException refusal = refusal(body.toString(), EVENTS);

        assertThat(refusal.getMessage()).isEqualTo("3 of 10 records are invalid; nothing was written");
        assertThat(refusal.totalErrors()).isEqualTo(4);
        assertThat(refusal.errors())
                .extracting(RecordError::index, RecordError::field, RecordError::kind)
                .containsExactly(
                        tuple(2, "id", RecordError.TYPE_MISMATCH),
                        tuple(2, "name", RecordError.TYPE_MISMATCH),
                        tuple(5, "id", RecordError.MISSING_FIELD),
                        tuple(9, "id", RecordError.MISSING_FIELD));
        assertThat(refusal(" {}", EVENTS).getMessage()).isEqualTo("1 of 1 record is invalid; nothing was written");
    }

    @Test
    void reportsAtMostTheCapButCountsEveryError() {
        String body = "[" + String.join(",", Collections.nCopies(250, "{\"id\":null}")) + "]";

        InvalidRecordsException refusal = refusal(body, EVENTS);

        assertThat(refusal.errors()).hasSize(100);
        assertThat(refusal.totalErrors()).isEqualTo(250);
        assertThat(refusal.errors().get(99).index()).isEqualTo(99);
        assertThat(refusal.getMessage()).isEqualTo("250 of 250 records are invalid; nothing was written");
    }

    @Test
    void theCapIsConfigurableAndABrokenBodyStillReportsWhyAfterIt() {
        IngestBodyParser parser = new IngestBodyParser(IngestLimits.DEFAULTS.withMaxReportedErrors(3));
        byte[] body = utf8("[{}, {}, {}, {}, {\"id\":1}, {\"id\":");

        InvalidRecordsException refusal = catchThrowableOfType(
                InvalidRecordsException.class, () -> parser.parse(body, body.length, EVENTS));

        assertThat(refusal.errors()).hasSize(3);
        assertThat(refusal.errors().get(2).kind()).isEqualTo(RecordError.PARSE_FAILURE);
        assertThat(refusal.errors().get(2).index()).isEqualTo(5);
        assertThat(refusal.totalErrors()).isEqualTo(5);
        assertThat(refusal.getMessage()).startsWith("request body is not valid JSON at line 1, column 34: ");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new IngestLimits(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IngestLimits.DEFAULTS.withMaxReportedErrors(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
