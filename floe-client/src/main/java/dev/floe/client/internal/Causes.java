package dev.floe.client.internal;

import java.net.ConnectException;

/** Turns a failure into words for a person. */
final class Causes {
    private Causes() {
    }

    /**
     * The first message along the cause chain. The JDK's HTTP client reports a refused connection as
     * {@link ConnectException}s without any message, so that case is named here.
     */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank()) {
                return message;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return failure.getClass().getSimpleName();
    }
}
