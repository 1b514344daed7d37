package dev.floe.pipeline.sql;

import dev.floe.stream.schema.StreamSchema;
import java.util.List;
import java.util.Optional;

/** What a pipeline's SQL may name: the streams it reads and the sinks it writes. */
public interface Catalog {

    /**
     * A stream that exists.
     *
     * @param name   its name
     * @param schema its schema, or {@code null} for an unstructured stream (one {@code value} column)
     */
    record Stream(String name, StreamSchema schema) {}

    /** The stream with this name (compared case-insensitively, as SQL names are), or empty. */
    Optional<Stream> stream(String name);

    boolean sinkExists(String name);

    /** Every stream's name, for messages that list them. */
    List<String> streamNames();

    /** Every sink's name, for messages that list them. */
    List<String> sinkNames();
}
