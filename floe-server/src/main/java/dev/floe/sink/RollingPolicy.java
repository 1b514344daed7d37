package dev.floe.sink;

/**
 * When a sink closes the file it is filling and starts the next: after {@code intervalSeconds}, or
 * once the file reaches {@code fileSizeBytes}, or once its stream got no event for
 * {@code inactivitySeconds}, whichever comes first. Zero means the condition is off (the interval is
 * always on).
 */
public record RollingPolicy(long intervalSeconds, long fileSizeBytes, long inactivitySeconds) {
    public static final long DEFAULT_INTERVAL_SECONDS = 300;
    /** What an {@code r2_data_catalog} sink's files are capped to unless told otherwise. */
    public static final long DEFAULT_TABLE_FILE_SIZE_BYTES = 128L << 20;
}
