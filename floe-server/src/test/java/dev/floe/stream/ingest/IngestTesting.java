package dev.floe.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.InvalidRecordsException;
import dev.floe.stream.schema.StreamSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shorthands for the ingest tests: schemas written with single quotes, bodies as strings. */
final class IngestTesting {
    static final IngestBodyParser PARSER = new IngestBodyParser();

    private IngestTesting() {}

    /** A schema from JSON written with {@code '} for {@code "}. */
    static StreamSchema schema(String singleQuotedJson) {
        try {
            return StreamSchema.fromJson(new ObjectMapper().readTree(singleQuotedJson.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuotedJson, e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ParsedRecords parse(String body, StreamSchema schemaOrNull) {
        byte[] bytes = utf8(body);
        return PARSER.parse(bytes, bytes.length, schemaOrNull);
    }

    /** The refusal of a body, which the test expects. */
    static InvalidRecordsException refusal(String body, StreamSchema schemaOrNull) {
        return refusal(utf8(body), schemaOrNull);
    }

    static InvalidRecordsException refusal(byte[] body, StreamSchema schemaOrNull) {
        InvalidRecordsException refusal = catchThrowableOfType(InvalidRecordsException.class,
                () -> PARSER.parse(body, body.length, schemaOrNull));
        assertThat(refusal).as("refusal of the body").isNotNull();
        assertThat(refusal.getMessage()).endsWith("; nothing was written");
        assertThat(refusal.errors()).isNotEmpty();
        return refusal;
    }

    /** Each record's bytes, decoded. */
    static List<String> texts(ParsedRecords records) {
        return records.records().stream().map(IngestTesting::text).toList();
    }

    static String text(ByteBuffer record) {
        return new String(record.array(), record.arrayOffset() + record.position(), record.remaining(),
                StandardCharsets.UTF_8);
    }
}
