package dev.floe.client.internal;

import java.net.URI;
import java.time.Duration;
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
 * @param timeout how long to wait for the response
 */
public record ApiRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
    }

    public ApiRequest withTimeout(Duration newTimeout) {
        return new ApiRequest(method, uri, headers, body, newTimeout);
    }
}
