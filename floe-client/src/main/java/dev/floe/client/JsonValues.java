package dev.floe.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Conversions of JSON values (arrays of strings, timestamps), shared by the value types. */
final class JsonValues {
    private JsonValues() {
    }

    static ArrayNode stringArray(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /**
     * The timestamp in {@code field}, or {@code null} when the server sent none.
     *
     * @param what the kind of object, for the message
     * @throws FloeException {@code INTERNAL} when it is malformed
     */
    static Instant instant(JsonNode json, String field, String what) {
        JsonNode value = json.path(field);
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new FloeException(ErrorCode.INTERNAL, "unexpected " + what + " object from floe: " + field + " \""
                    + value.asText() + "\" is not a timestamp", e);
        }
    }

    static List<String> stringList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}
