package dev.floe.client.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The payload of a successful response envelope.
 *
 * @param result     the envelope's {@code result} (a JSON null node when it was null)
 * @param resultInfo the envelope's {@code result_info}, a missing node except on lists
 */
public record ApiResult(JsonNode result, JsonNode resultInfo) {
}
