package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

/**
 * Reading fields of a JSON request body, each failure a 400 that names the field by its path
 * ({@code config.rolling_policy.interval_seconds}) and says what it must be.
 */
final class RequestFields {
    private RequestFields() {
    }

    static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    static void requireObject(JsonNode node, String what) {
        if (!node.isObject()) {
            throw invalid(what + " must be a JSON object");
        }
    }

    static String requiredText(JsonNode parent, String field, String path) {
        JsonNode value = parent.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw invalid("'" + path + "' is required and must be a non-empty string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode parent, String field, String path, String defaultValue) {
        JsonNode value = parent.path(field);
        if (absent(value)) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            throw invalid("'" + path + "' must be a string, got " + value);
        }
        return value.asText();
    }

    static boolean optionalBoolean(JsonNode parent, String field, String path, boolean defaultValue) {
        JsonNode value = parent.path(field);
        if (absent(value)) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw invalid("'" + path + "' must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    /** A whole number of at least {@code minimum}, or {@code defaultValue} when absent. */
    static long wholeNumber(JsonNode parent, String field, String path, long minimum, long defaultValue) {
        JsonNode value = parent.path(field);
        if (absent(value)) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < minimum) {
            throw invalid("'" + path + "' must be a whole number of at least " + minimum + ", got " + value);
        }
        return value.asLong();
    }

    static FloeException invalid(String message) {
        return new FloeException(ErrorCode.INVALID_REQUEST, message);
    }
}
