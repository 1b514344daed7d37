package dev.floe.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-stream counters: what was accepted, and what was refused and why. Reasons are the
 * lower-case names of {@link dev.floe.error.ErrorCode}s ({@code invalid_records},
 * {@code payload_too_large}, {@code too_many_requests}, …).
 */
public final class StreamMetrics {
    private final MeterRegistry registry;

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String stream, int records, long bytes, int duplicates) {
        Counter.builder("floe.stream.records.accepted").tag("stream", stream)
                .description("records acknowledged durable").register(registry).increment(records);
        Counter.builder("floe.stream.bytes.accepted").tag("stream", stream)
                .description("payload bytes appended").baseUnit("bytes").register(registry).increment(bytes);
        if (duplicates > 0) {
            Counter.builder("floe.stream.records.duplicate").tag("stream", stream)
                    .description("records acknowledged again without being appended")
                    .register(registry).increment(duplicates);
        }
    }

    /** Counts a refused request; {@code reason} is a lower-case error code name. */
    public void rejected(String stream, String reason) {
        Counter.builder("floe.stream.requests.rejected").tag("stream", stream).tag("reason", reason)
                .description("ingest requests refused, by reason").register(registry).increment();
    }
}
