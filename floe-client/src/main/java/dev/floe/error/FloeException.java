package dev.floe.error;

import java.util.Objects;

/**
 * The one exception type of floe. Its {@link ErrorCode} decides the HTTP status, the API error code
 * and the CLI exit code; its message is for a person and names what is wrong and what to do.
 */
public class FloeException extends RuntimeException {
    private final ErrorCode code;

    public FloeException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public FloeException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
