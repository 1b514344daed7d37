package dev.floe.sink;

/**
 * When a sink closes the file it is filling and starts the next: after {@code intervalSeconds}, or
 * once the file reaches {@code fileSizeBytes}, or after {@code inactivitySeconds} without new rows,
 * whichever comes first. Zero means the condition is off (the interval is always on).
 */
public record RollingPolicy(long intervalSeconds, long fileSizeBytes, long inactivitySeconds) {
    public static final long DEFAULT_INTERVAL_SECONDS = 300;
    public static final RollingPolicy DEFAULT = new RollingPolicy(DEFAULT_INTERVAL_SECONDS, 0, 0);
}
