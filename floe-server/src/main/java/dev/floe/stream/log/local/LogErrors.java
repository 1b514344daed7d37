package dev.floe.stream.log.local;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

import java.nio.file.Path;

/** The failures a local log reports, worded alike wherever they arise. */
final class LogErrors {
    private LogErrors() {
    }

    static FloeException closed(String logName) {
        return new FloeException(ErrorCode.UNAVAILABLE, logName + " is closed");
    }

    static FloeException writeFailed(String logName, Throwable cause) {
        return new FloeException(ErrorCode.UNAVAILABLE, logName + " could not write to disk (" + cause
                + "); it accepts no appends until it is reopened and recovered", cause);
    }

    static FloeException tooManyPending(String logName, long pendingBytes, long limit) {
        return new FloeException(ErrorCode.TOO_MANY_REQUESTS, logName + " has " + pendingBytes
                + " bytes waiting to be written, more than its limit of " + limit + "; retry later");
    }

    static FloeException deletedByRetention(String logName, long fromOffset, long startOffset) {
        return new FloeException(ErrorCode.NOT_FOUND, "records of " + logName + " before offset " + startOffset
                + " were deleted by retention; offset " + fromOffset + " is gone, the first available offset is "
                + startOffset);
    }

    static FloeException readFailed(String logName, Throwable cause) {
        return new FloeException(ErrorCode.UNAVAILABLE, "could not read " + logName + ": " + cause, cause);
    }

    static FloeException corrupt(String logName, Path segment, CorruptBatchException cause) {
        return new FloeException(ErrorCode.INTERNAL, logName + " is damaged on disk in " + segment + ": "
                + cause.getMessage(), cause);
    }

    static FloeException invalid(String message) {
        return new FloeException(ErrorCode.INVALID_REQUEST, message);
    }
}
