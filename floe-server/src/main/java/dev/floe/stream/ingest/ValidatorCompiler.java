package dev.floe.stream.ingest;

import dev.floe.stream.schema.SchemaField;
import dev.floe.stream.schema.StreamSchema;
import java.util.List;

/** Turns a stream schema into the tree of validators that checks its records. */
final class ValidatorCompiler {
    private int structCount;

    /** The validator of a whole record; afterwards {@link #structCount()} says how many structs it has. */
    StructValidator compileRecord(StreamSchema schema) {
        return struct("a JSON object", schema.fields());
    }

    int structCount() {
        return structCount;
    }

    private ValueValidator compile(SchemaField field) {
        return switch (field.type()) {
            case STRING -> TokenTypeValidator.STRING;
            case BOOL -> TokenTypeValidator.BOOL;
            case JSON -> TokenTypeValidator.JSON;
            case INT32 -> IntegerValidator.INT32;
            case INT64 -> IntegerValidator.INT64;
            case UINT32 -> IntegerValidator.UINT32;
            case UINT64 -> IntegerValidator.UINT64;
            case FLOAT32 -> FloatValidator.FLOAT32;
            case FLOAT64 -> FloatValidator.FLOAT64;
            case DECIMAL128 -> new DecimalValidator(field.precision(), field.scale());
            case TIMESTAMP -> new TimestampValidator(field.unit());
            case BINARY -> BinaryValidator.INSTANCE;
            case LIST -> new ListValidator(check(field.items()));
            case STRUCT -> struct("struct", field.fields());
        };
    }

    private StructValidator struct(String expected, List<SchemaField> fields) {
        int id = structCount++;
        return new StructValidator(expected, id, fields.stream().map(this::check).toList());
    }

    private FieldCheck check(SchemaField field) {
        // The parser interns object keys; interning the schema's names too makes most key lookups
        // succeed on the identity check alone.
        String name = field.name() == null ? null : field.name().intern();
        return new FieldCheck(name, field.required(), compile(field));
    }
}
