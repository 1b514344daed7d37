package dev.floe.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.error.InvalidRecordsException;
import dev.floe.error.RecordError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads floe's Cloudflare-style response envelope
 * ({@code {"success":…,"errors":[{"code","message"}],"messages":[],"result":…}}) and turns a failed
 * one into the {@link FloeException} it stands for.
 */
public final class EnvelopeDecoder {
    /** How much of a body that is not an envelope (a proxy's error page, say) goes into a message. */
    private static final int MAX_BODY_EXCERPT = 200;

    private final ObjectMapper mapper;

    public EnvelopeDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The result of a successful response.
     *
     * @param source names where the response came from in messages
     * @throws InvalidRecordsException for invalid records, naming each of them
     * @throws FloeException           for any other failure, with the code the server sent
     */
    public ApiResult decode(ApiResponse response, String source) {
        JsonNode envelope = parse(response);
        if (envelope == null) {
            throw notAnEnvelope(response, source);
        }
        if (response.isSuccess() && envelope.path("success").asBoolean(false)) {
            return new ApiResult(envelope.path("result"), envelope.path("result_info"));
        }
        JsonNode errors = envelope.path("errors");
        ErrorCode code = errorCode(errors.path(0).path("code"), response.status());
        String message = joinMessages(errors, response.status());
        if (code == ErrorCode.INVALID_RECORDS) {
            throw invalidRecords(message, envelope.path("result"));
        }
        throw new FloeException(code, message);
    }

    private JsonNode parse(ApiResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static FloeException notAnEnvelope(ApiResponse response, String source) {
        String body = new String(response.body(), StandardCharsets.UTF_8).strip();
        if (body.length() > MAX_BODY_EXCERPT) {
            body = body.substring(0, MAX_BODY_EXCERPT) + "...";
        }
        String message = "unexpected response from " + source + ": HTTP " + response.status()
                + (body.isEmpty() ? " with an empty body" : ": " + body);
        ErrorCode code = response.isSuccess() ? ErrorCode.INTERNAL : ErrorCode.fromHttpStatus(response.status());
        return new FloeException(code, message);
    }

    /** The code the server sent when this version knows it, else the one its HTTP status implies. */
    private static ErrorCode errorCode(JsonNode codeNode, int httpStatus) {
        if (codeNode.canConvertToInt()) {
            ErrorCode known = ErrorCode.fromCode(codeNode.asInt());
            if (known.code() == codeNode.asInt()) {
                return known;
            }
        }
        return ErrorCode.fromHttpStatus(httpStatus);
    }

    private static String joinMessages(JsonNode errors, int httpStatus) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : errors) {
            String message = error.path("message").asText("");
            if (!message.isBlank()) {
                messages.add(message);
            }
        }
        return messages.isEmpty() ? "request failed with HTTP " + httpStatus : String.join("; ", messages);
    }

    private static InvalidRecordsException invalidRecords(String message, JsonNode result) {
        List<RecordError> errors = new ArrayList<>();
        for (JsonNode error : result.path("record_errors")) {
            errors.add(new RecordError(
                    error.path("index").asInt(-1),
                    error.path("field").asText(""),
                    error.path("kind").asText(""),
                    error.path("message").asText("")));
        }
        int total = result.path("total_record_errors").asInt(errors.size());
        return new InvalidRecordsException(describeInvalidRecords(message, errors, total), errors, total);
    }

    /** The server's summary followed by one line per bad record, so that a log line says what to fix. */
    static String describeInvalidRecords(String summary, List<RecordError> errors, int total) {
        StringBuilder text = new StringBuilder(summary);
        for (RecordError error : errors) {
            text.append("\n  record ").append(error.index());
            if (!error.field().isEmpty()) {
                text.append(", field ").append(error.field());
            }
            text.append(": ").append(error.kind());
            if (!error.message().isEmpty()) {
                text.append(" (").append(error.message()).append(')');
            }
        }
        if (total > errors.size()) {
            text.append("\n  ... and ").append(total - errors.size()).append(" more");
        }
        return text.toString();
    }
}
