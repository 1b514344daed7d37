package dev.floe.cli.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.cli.InputFiles;
import dev.floe.error.FloeException;

import java.nio.file.Path;

/** Reads the schema file of {@code streams create}: JSON of the form {@code {"fields":[…]}}. */
final class SchemaFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WHAT = "schema file";

    private SchemaFile() {
    }

    /**
     * The schema in {@code file}; checks only its outline, the server checks the fields.
     *
     * @throws FloeException {@code INVALID_REQUEST} naming the file and what is wrong with it
     */
    static JsonNode read(Path file) {
        String text = InputFiles.read(file, WHAT);
        JsonNode schema;
        try {
            schema = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw invalid(file, "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (schema == null || !schema.isObject() || !schema.path("fields").isArray()) {
            throw invalid(file, "expected a JSON object with a \"fields\" array, such as "
                    + "{\"fields\":[{\"name\":\"user_id\",\"type\":\"string\",\"required\":true}]}");
        }
        return schema;
    }

    private static FloeException invalid(Path file, String reason) {
        return InputFiles.invalid(file, WHAT, reason);
    }
}
