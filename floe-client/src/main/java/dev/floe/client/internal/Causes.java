package dev.floe.client.internal;

/** Turns a failure into words for a person. */
final class Causes {
    private Causes() {
    }

    /**
     * The first message along the cause chain: the JDK's HTTP client often throws a
     * {@code ConnectException} without a message whose cause says "Connection refused".
     */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank()) {
                return message;
            }
        }
        return failure.getClass().getSimpleName();
    }
}
