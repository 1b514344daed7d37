package dev.floe.stream;

import dev.floe.stream.schema.StreamSchema;

/**
 * A request to create a stream.
 *
 * @param schema {@code null} for an unstructured stream
 */
public record NewStream(String name, StreamSchema schema, HttpIngestSettings http, boolean workerBindingEnabled) {
}
