package dev.floe.pipeline;

import dev.floe.pipeline.sql.Catalog;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.SinkService;
import dev.floe.stream.StreamDefinition;
import dev.floe.stream.StreamService;
import java.util.List;
import java.util.Optional;

/**
 * The streams and sinks as they are at the moment of each lookup. Names compare case-insensitively,
 * as SQL names do, so a statement may name {@code Events} for the stream {@code events}.
 */
final class CurrentCatalog implements Catalog {
    private final StreamService streams;
    private final SinkService sinks;

    CurrentCatalog(StreamService streams, SinkService sinks) {
        this.streams = streams;
        this.sinks = sinks;
    }

    /** The stream a statement names. */
    Optional<StreamDefinition> streamDefinition(String name) {
        return streams.list(null).stream().filter(stream -> stream.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The sink a statement names. */
    Optional<SinkDefinition> sink(String name) {
        return sinks.list().stream().filter(sink -> sink.name().equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public Optional<Stream> stream(String name) {
        return streamDefinition(name).map(stream -> new Stream(stream.name(), stream.schema()));
    }

    @Override
    public boolean sinkExists(String name) {
        return sink(name).isPresent();
    }

    @Override
    public List<String> streamNames() {
        return streams.list(null).stream().map(StreamDefinition::name).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    @Override
    public List<String> sinkNames() {
        return sinks.list().stream().map(SinkDefinition::name).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }
}
