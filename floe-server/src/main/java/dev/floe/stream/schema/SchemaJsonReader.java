package dev.floe.stream.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a stream schema from its JSON form, refusing an invalid one with a message that names the
 * bad field by its path ({@code user.address.zip}, {@code tags.items}, or {@code fields[2]} when it
 * has no usable name) and says what to change.
 */
final class SchemaJsonReader {
    private static final int MAX_SHOWN_VALUE_CHARS = 40;

    private SchemaJsonReader() {}

    static StreamSchema read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw invalid("schema must be a JSON object like {\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}, got "
                    + describe(json));
        }
        return new StreamSchema(readStructFields(json, ""));
    }

    /** The fields of the schema (at {@code path} "") or of the struct at {@code path}. */
    private static List<SchemaField> readStructFields(JsonNode owner, String path) {
        JsonNode list = owner.get("fields");
        if (list == null || !list.isArray() || list.isEmpty()) {
            String where = path.isEmpty() ? "schema" : "schema field \"" + path + "\"";
            throw invalid(where + ": \"fields\" must be a non-empty array of field objects like "
                    + "{\"name\":\"id\",\"type\":\"string\"}, got " + describe(list));
        }
        List<SchemaField> fields = new ArrayList<>(list.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String positionalPath = child(path, "fields[" + i + "]");
            if (!entry.isObject()) {
                throw invalid(at(positionalPath) + "must be an object like {\"name\":\"id\",\"type\":\"string\"}, got "
                        + describe(entry));
            }
            JsonNode nameNode = entry.get("name");
            if (nameNode == null || nameNode.isNull()) {
                throw invalid(at(positionalPath) + "\"name\" is missing; give every field a non-empty name");
            }
            String name = readName(nameNode, positionalPath);
            String fieldPath = child(path, name);
            if (!names.add(name)) {
                throw invalid(at(fieldPath) + "the name \"" + name + "\" is used twice; names must be unique within "
                        + (path.isEmpty() ? "the schema" : "a struct"));
            }
            fields.add(readField(entry, name, fieldPath));
        }
        return fields;
    }

    private static SchemaField readField(JsonNode json, String name, String path) {
        FieldType type = readType(json.get("type"), path);
        boolean required = readRequired(json.get("required"), path);
        int precision = 0;
        int scale = 0;
        TimestampUnit unit = null;
        SchemaField items = null;
        List<SchemaField> fields = null;
        switch (type) {
            case DECIMAL128 -> {
                precision = readInt(json.get("precision"), "precision", 1, SchemaField.MAX_DECIMAL_PRECISION, path);
                scale = readInt(json.get("scale"), "scale", 0, precision, path);
            }
            case TIMESTAMP -> unit = readUnit(json.get("unit"), path);
            case LIST -> items = readItems(json.get("items"), path);
            case STRUCT -> fields = readStructFields(json, path);
            default -> {
                // the other types have no attributes of their own
            }
        }
        return new SchemaField(name, type, required, precision, scale, unit, items, fields,
                readOptionalString(json.get("sql_name"), "sql_name", path),
                readOptionalString(json.get("metadata_key"), "metadata_key", path));
    }

    private static String readName(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw invalid(at(path) + "\"name\" must be a string, got " + describe(node));
        }
        if (node.textValue().isEmpty()) {
            throw invalid(at(path) + "\"name\" must not be empty");
        }
        return node.textValue();
    }

    private static FieldType readType(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw invalid(at(path) + "\"type\" is missing; use one of: " + FieldType.wireNames());
        }
        if (!node.isTextual()) {
            throw invalid(at(path) + "\"type\" must be a string, got " + describe(node) + "; use one of: "
                    + FieldType.wireNames());
        }
        return FieldType.fromWireName(node.textValue()).orElseThrow(() -> invalid(at(path) + "unknown type \""
                + truncate(node.textValue()) + "\"; use one of: " + FieldType.wireNames()));
    }

    private static boolean readRequired(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(at(path) + "\"required\" must be true or false, got " + describe(node));
        }
        return node.booleanValue();
    }

    private static int readInt(JsonNode node, String attribute, int min, int max, String path) {
        String allowed = "an integer from " + min + " to " + max;
        if (node == null || node.isNull()) {
            throw invalid(at(path) + "decimal128 needs \"" + attribute + "\", " + allowed);
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw invalid(at(path) + "\"" + attribute + "\" must be " + allowed + ", got " + describe(node));
        }
        return node.intValue();
    }

    private static TimestampUnit readUnit(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return TimestampUnit.DEFAULT;
        }
        String expected = "; use second, millisecond, microsecond or nanosecond (or s, ms, us, ns)";
        if (!node.isTextual()) {
            throw invalid(at(path) + "\"unit\" must be a string, got " + describe(node) + expected);
        }
        return TimestampUnit.fromWireName(node.textValue()).orElseThrow(() -> invalid(
                at(path) + "unknown timestamp unit \"" + truncate(node.textValue()) + "\"" + expected));
    }

    private static SchemaField readItems(JsonNode node, String path) {
        String itemsPath = child(path, "items");
        if (node == null || node.isNull()) {
            throw invalid(at(path) + "a list needs \"items\", a field object giving the type of its elements, "
                    + "like {\"type\":\"string\"}");
        }
        if (!node.isObject()) {
            throw invalid(at(itemsPath) + "must be a field object like {\"type\":\"string\"}, got " + describe(node));
        }
        JsonNode nameNode = node.get("name");
        String name = nameNode == null || nameNode.isNull() ? null : readName(nameNode, itemsPath);
        return readField(node, name, itemsPath);
    }

    private static String readOptionalString(JsonNode node, String attribute, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(at(path) + "\"" + attribute + "\" must be a string, got " + describe(node));
        }
        return node.textValue();
    }

    private static String child(String path, String segment) {
        return path.isEmpty() ? segment : path + "." + segment;
    }

    private static String at(String path) {
        return "schema field \"" + path + "\": ";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> node.isEmpty() ? "an empty array" : "an array";
            case STRING -> "string \"" + truncate(node.textValue()) + "\"";
            case NUMBER -> "number " + truncate(node.asText());
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String truncate(String text) {
        return text.length() <= MAX_SHOWN_VALUE_CHARS ? text : text.substring(0, MAX_SHOWN_VALUE_CHARS) + "...";
    }

    private static FloeException invalid(String message) {
        return new FloeException(ErrorCode.INVALID_REQUEST, message);
    }
}
