package dev.floe.error;

/**
 * Every failure floe reports, with the HTTP status the API answers with, the numeric code placed in
 * the Cloudflare-style {@code errors[].code} field, and the exit code of the CLI.
 *
 * <p>The numeric codes are part of the public contract: clients and scripts match on them, so an
 * existing code never changes meaning. Add new codes; never renumber.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, 1001, 2, false),
    INVALID_RECORDS(400, 1002, 2, false),
    UNAUTHENTICATED(401, 10000, 3, false),
    FORBIDDEN(403, 10001, 3, false),
    NOT_FOUND(404, 1004, 4, false),
    METHOD_NOT_ALLOWED(405, 1005, 2, false),
    CONFLICT(409, 1009, 5, false),
    PAYLOAD_TOO_LARGE(413, 1013, 2, false),
    UNSUPPORTED_MEDIA_TYPE(415, 1015, 2, false),
    TOO_MANY_REQUESTS(429, 1029, 6, true),
    INTERNAL(500, 1500, 1, false),
    UNAVAILABLE(503, 1503, 6, true),
    /** Cloudflare's code for a bucket whose data catalog is not enabled; wrangler matches on it. */
    CATALOG_NOT_ENABLED(404, 40401, 4, false),
    /** A query DuckDB cannot parse. */
    SQL_SYNTAX(400, 40001, 2, false),
    /** A query floe will not run: not one SELECT, or reaching outside the tables it names. */
    SQL_UNSUPPORTED(400, 40002, 2, false),
    /** A query that ran past the server's per-query time limit. */
    QUERY_TIMEOUT(408, 40801, 6, false),
    /** A query that needed more memory than the server's per-query limit. */
    QUERY_TOO_LARGE(422, 42201, 2, false);

    private final int httpStatus;
    private final int code;
    private final int exitCode;
    private final boolean retryable;

    ErrorCode(int httpStatus, int code, int exitCode, boolean retryable) {
        this.httpStatus = httpStatus;
        this.code = code;
        this.exitCode = exitCode;
        this.retryable = retryable;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Whether sending the same request again later may succeed (the server was busy, not the request wrong). */
    public boolean retryable() {
        return retryable;
    }

    /** The code for a numeric API error code, or {@link #INTERNAL} for one this version does not know. */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode candidate : values()) {
            if (candidate.code == code) {
                return candidate;
            }
        }
        return INTERNAL;
    }

    /** The most specific code for an HTTP status when the body carried none. */
    public static ErrorCode fromHttpStatus(int status) {
        for (ErrorCode candidate : values()) {
            if (candidate.httpStatus == status) {
                return candidate;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
