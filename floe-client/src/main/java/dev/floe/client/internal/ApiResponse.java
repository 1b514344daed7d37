package dev.floe.client.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP response from floe.
 *
 * @param status  the HTTP status code
 * @param headers header values by name
 * @param body    the response body, empty when there was none
 */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, matching its name without regard to case as HTTP does. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
                .map(entry -> entry.getValue().get(0))
                .findFirst();
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
