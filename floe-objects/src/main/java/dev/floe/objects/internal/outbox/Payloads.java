package dev.floe.objects.internal.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON records objects deliver; their field names are a contract with the pipelines that read the
 * streams. Every record of the built-in tables carries {@code ns}, {@code object} (the emitting
 * object's local id) and {@code seq} (its outbox sequence number), so that {@code (object, seq)} is
 * unique in every table downstream. JSON values the object already serialized ({@code data},
 * {@code input}, {@code output}) are spliced in as they are.
 */
public final class Payloads {
    /** ISO-8601 in UTC with milliseconds always written, as the seeds' examples show them. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final JsonFactory JSON = new JsonFactory();

    /** Who emits: the object's namespace URL, local id and type. */
    public record Origin(String ns, String object, String type) {
    }

    private Payloads() {
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    public static String event(Origin origin, long seq, String verb, String source, String sourceType, String dataJson,
                               String actionId, String timestamp) {
        return write(json -> {
            header(json, origin, seq);
            json.writeStringField("verb", verb);
            json.writeStringField("source", source);
            json.writeStringField("sourceType", sourceType);
            raw(json, "data", dataJson);
            json.writeStringField("actionId", actionId);
            json.writeStringField("timestamp", timestamp);
        });
    }

    public static String thing(Origin origin, long seq, String id, String type, int version, String dataJson,
                               String createdAt, String updatedAt) {
        return write(json -> {
            header(json, origin, seq);
            json.writeStringField("id", id);
            json.writeStringField("type", type);
            json.writeNumberField("version", version);
            raw(json, "data", dataJson);
            json.writeStringField("createdAt", createdAt);
            json.writeStringField("updatedAt", updatedAt);
        });
    }

    public static String action(Origin origin, long seq, String id, String actor, String verb, String target,
                                String inputJson, String outputJson, String status, String timestamp, String completedAt) {
        return write(json -> {
            header(json, origin, seq);
            json.writeStringField("id", id);
            json.writeStringField("actor", actor);
            json.writeStringField("verb", verb);
            json.writeStringField("target", target);
            raw(json, "input", inputJson);
            raw(json, "output", outputJson);
            json.writeStringField("status", status);
            json.writeStringField("timestamp", timestamp);
            json.writeStringField("completedAt", completedAt);
        });
    }

    /** The second seed's state change: {@code value} is JSON text, null for a delete. */
    public static String stateChange(Origin origin, long seq, String key, String valueJson, long timestampMillis) {
        return write(json -> {
            json.writeStringField("do_id", origin.object());
            json.writeStringField("ns", origin.ns());
            json.writeStringField("type", origin.type());
            json.writeStringField("key", key);
            json.writeStringField("value", valueJson);
            json.writeStringField("op", valueJson == null ? "DELETE" : "PUT");
            json.writeNumberField("timestamp", timestampMillis);
            json.writeNumberField("seq", seq);
        });
    }

    private static void header(JsonGenerator json, Origin origin, long seq) throws IOException {
        json.writeStringField("ns", origin.ns());
        json.writeStringField("object", origin.object());
        json.writeNumberField("seq", seq);
    }

    private static void raw(JsonGenerator json, String field, String valueJson) throws IOException {
        json.writeFieldName(field);
        if (valueJson == null) {
            json.writeNull();
        } else {
            json.writeRawValue(valueJson);
        }
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
