package dev.floe.client.internal;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to floe, complete and immutable, so that a retry can send exactly the same bytes
 * again.
 *
 * @param method  the HTTP method
 * @param uri     the full URI
 * @param headers header values by name
 * @param body    the request body, or {@code null} for none
 */
public record ApiRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
    }
}
