package dev.floe.stream.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.stream.schema.StreamSchema;
import java.io.IOException;

/**
 * Checks the records of one stream: against its schema for a structured stream, not at all (any
 * JSON value is a record) for an unstructured one. Immutable and thread-safe; build one per schema
 * and reuse it for every request.
 */
public final class RecordValidator {
    /** The validator of unstructured streams, which take any JSON value as a record. */
    public static final RecordValidator UNSTRUCTURED = new RecordValidator(null, null, 0);

    private final StreamSchema schema;
    private final StructValidator root;
    private final int structCount;

    private RecordValidator(StreamSchema schema, StructValidator root, int structCount) {
        this.schema = schema;
        this.root = root;
        this.structCount = structCount;
    }

    /** The validator for a stream with this schema, or {@link #UNSTRUCTURED} for {@code null}. */
    public static RecordValidator forSchema(StreamSchema schemaOrNull) {
        if (schemaOrNull == null) {
            return UNSTRUCTURED;
        }
        ValidatorCompiler compiler = new ValidatorCompiler();
        StructValidator root = compiler.compileRecord(schemaOrNull);
        return new RecordValidator(schemaOrNull, root, compiler.structCount());
    }

    /** The schema records are checked against, or {@code null} for an unstructured stream. */
    public StreamSchema schema() {
        return schema;
    }

    /** Checks the record starting at the parser's current token and moves the parser to its last token. */
    void validate(JsonParser parser, JsonToken token, ValidationContext context) throws IOException {
        if (root == null) {
            context.skip(parser, token);
        } else {
            root.validate(parser, token, context);
        }
    }

    /** How many structs, the record itself included, the schema has. */
    int structCount() {
        return structCount;
    }
}
