package dev.floe.stream;

import java.util.List;

/**
 * How a stream accepts events over HTTP.
 *
 * @param enabled        whether its endpoint accepts POSTs at all
 * @param authentication whether a POST must carry the server's API token as a bearer token
 * @param corsOrigins    origins browsers may post from ({@code *} for any); empty means none
 */
public record HttpIngestSettings(boolean enabled, boolean authentication, List<String> corsOrigins) {
    public HttpIngestSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Whether a browser at {@code origin} may post to the stream. */
    public boolean allowsOrigin(String origin) {
        return corsOrigins.contains("*") || corsOrigins.contains(origin);
    }
}
