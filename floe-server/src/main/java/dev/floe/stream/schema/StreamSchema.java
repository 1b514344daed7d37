package dev.floe.stream.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The schema of a structured stream: the fields each of its records has, in Cloudflare Pipelines'
 * JSON form {@code {"fields":[{"name":"user_id","type":"string","required":true}, ...]}}.
 *
 * @param fields the top-level fields, at least one, with unique names
 */
public record StreamSchema(List<SchemaField> fields) {

    public StreamSchema {
        fields = SchemaField.checkStructFields(fields);
    }

    /**
     * Reads and checks a schema. Type names may be aliases ({@code bytes}) and units short forms
     * ({@code ms}); attributes a field's type does not use, and unknown ones, are ignored.
     *
     * @throws dev.floe.error.FloeException {@code INVALID_REQUEST}, naming the bad field's path and
     *     what to change, when the schema is not valid
     */
    public static StreamSchema fromJson(JsonNode json) {
        return SchemaJsonReader.read(json);
    }

    /**
     * The normalized JSON form: canonical type and unit names, {@code required} always written, the
     * default timestamp unit spelled out. {@link #fromJson} of it gives back an equal schema.
     */
    public ObjectNode toJson() {
        return SchemaJsonWriter.write(this);
    }
}
