package dev.floe.stream;

/**
 * A change to a stream's mutable settings; a {@code null} component leaves that setting as it is.
 */
public record SettingsUpdate(HttpIngestSettings http, Boolean workerBindingEnabled) {
}
