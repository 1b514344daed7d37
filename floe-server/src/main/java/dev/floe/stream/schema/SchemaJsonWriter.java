package dev.floe.stream.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Writes a stream schema in its normalized JSON form, the one {@link SchemaJsonReader} reads back. */
final class SchemaJsonWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaJsonWriter() {}

    static ObjectNode write(StreamSchema schema) {
        ObjectNode json = NODES.objectNode();
        json.set("fields", writeFields(schema.fields()));
        return json;
    }

    private static ArrayNode writeFields(List<SchemaField> fields) {
        ArrayNode array = NODES.arrayNode(fields.size());
        for (SchemaField field : fields) {
            array.add(writeField(field));
        }
        return array;
    }

    private static ObjectNode writeField(SchemaField field) {
        ObjectNode json = NODES.objectNode();
        if (field.name() != null) {
            json.put("name", field.name());
        }
        json.put("type", field.type().wireName());
        json.put("required", field.required());
        switch (field.type()) {
            case DECIMAL128 -> {
                json.put("precision", field.precision());
                json.put("scale", field.scale());
            }
            case TIMESTAMP -> json.put("unit", field.unit().wireName());
            case LIST -> json.set("items", writeField(field.items()));
            case STRUCT -> json.set("fields", writeFields(field.fields()));
            default -> {
                // the other types have no attributes of their own
            }
        }
        if (field.sqlName() != null) {
            json.put("sql_name", field.sqlName());
        }
        if (field.metadataKey() != null) {
            json.put("metadata_key", field.metadataKey());
        }
        return json;
    }
}
