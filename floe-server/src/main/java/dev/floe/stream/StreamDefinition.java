package dev.floe.stream;

import dev.floe.stream.schema.StreamSchema;
import java.time.Instant;
import java.util.Objects;

/**
 * What a stream is: its identity, its immutable schema and its mutable ingest settings.
 *
 * @param id                   32 lowercase hex digits, never reused
 * @param name                 unique among streams, {@code ^[a-zA-Z0-9_]+$}
 * @param version              incremented by every change of the mutable settings
 * @param schema               the schema records are validated against, or {@code null} for an
 *                             unstructured stream whose records are kept whole as a {@code value}
 * @param http                 HTTP ingest settings
 * @param workerBindingEnabled whether bindings (the Java {@code Stream} client) may send
 */
public record StreamDefinition(
        String id,
        String name,
        long version,
        Instant createdAt,
        Instant modifiedAt,
        StreamSchema schema,
        HttpIngestSettings http,
        boolean workerBindingEnabled) {

    public StreamDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(http, "http");
    }

    public boolean unstructured() {
        return schema == null;
    }

    /** This definition with new mutable settings, one version later. */
    public StreamDefinition withSettings(HttpIngestSettings newHttp, boolean newWorkerBinding, Instant now) {
        return new StreamDefinition(id, name, version + 1, createdAt, now, schema, newHttp, newWorkerBinding);
    }
}
