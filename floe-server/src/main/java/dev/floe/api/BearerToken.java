package dev.floe.api;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks {@code Authorization: Bearer <token>} against the server's API token. Without a configured
 * token every request passes: the default server listens on loopback only.
 */
final class BearerToken {
    private final byte[] expected;

    BearerToken(String token) {
        this.expected = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean configured() {
        return expected != null;
    }

    void check(ApiExchange exchange) {
        if (expected == null) {
            return;
        }
        String header = exchange.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthenticated("this request needs an API token: send the header Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthenticated("the Authorization header must be 'Bearer <token>'");
        }
        if (!matches(header.substring(7).trim())) {
            throw unauthenticated("the API token is not valid for this server");
        }
    }

    /** Whether a presented token is the server's; true for any when none is configured. */
    boolean matches(String presented) {
        if (expected == null) {
            return true;
        }
        // Constant-time comparison so response timing does not reveal how much of a guess was right.
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static FloeException unauthenticated(String message) {
        return new FloeException(ErrorCode.UNAUTHENTICATED, message);
    }
}
