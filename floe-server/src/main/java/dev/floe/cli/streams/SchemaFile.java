package dev.floe.cli.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the schema file of {@code streams create}: JSON of the form {@code {"fields":[…]}}. */
final class SchemaFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaFile() {
    }

    /**
     * The schema in {@code file}; checks only its outline, the server checks the fields.
     *
     * @throws FloeException {@code INVALID_REQUEST} naming the file and what is wrong with it
     */
    static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw invalid(file, "no such file");
        } catch (AccessDeniedException e) {
            throw invalid(file, "permission denied");
        } catch (IOException e) {
            throw invalid(file, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
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
        return new FloeException(ErrorCode.INVALID_REQUEST, "cannot use schema file " + file + ": " + reason);
    }
}
