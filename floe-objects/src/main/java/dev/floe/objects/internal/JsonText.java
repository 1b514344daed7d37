package dev.floe.objects.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

/** Values an object hands the runtime, turned into the JSON text that is stored and delivered. */
final class JsonText {
    private JsonText() {
    }

    /** {@code value} as JSON, or null for null. */
    static String of(ObjectMapper mapper, Object value, String what) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, what + " does not turn into JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as a JSON object, as records and their {@code data} must be. */
    static String object(ObjectMapper mapper, Object value, String what) {
        String json = of(mapper, value, what);
        if (json == null || !json.startsWith("{")) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, what + " must be a JSON object (a map, record or bean),"
                    + " got " + (json == null ? "null" : json.length() > 40 ? json.substring(0, 40) + "..." : json));
        }
        return json;
    }
}
