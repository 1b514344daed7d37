package dev.floe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.error.FloeException;
import dev.floe.json.Json;

/** Cloudflare API v4's response envelope: {@code {success, errors, messages, result, result_info}}. */
final class Envelope {
    private Envelope() {
    }

    static ObjectNode success(JsonNode result) {
        ObjectNode envelope = Json.object();
        envelope.put("success", true);
        envelope.putArray("errors");
        envelope.putArray("messages");
        envelope.set("result", result);
        return envelope;
    }

    static ObjectNode page(JsonNode items, int page, int perPage, int count, int totalCount) {
        ObjectNode envelope = success(items);
        ObjectNode info = envelope.putObject("result_info");
        info.put("page", page);
        info.put("per_page", perPage);
        info.put("count", count);
        info.put("total_count", totalCount);
        info.put("total_pages", totalCount == 0 ? 0 : (totalCount + perPage - 1) / perPage);
        return envelope;
    }

    static ObjectNode failure(FloeException error, JsonNode result) {
        ObjectNode envelope = Json.object();
        envelope.put("success", false);
        ObjectNode entry = envelope.putArray("errors").addObject();
        entry.put("code", error.code().code());
        entry.put("message", error.getMessage());
        envelope.putArray("messages");
        envelope.set("result", result);
        return envelope;
    }
}
