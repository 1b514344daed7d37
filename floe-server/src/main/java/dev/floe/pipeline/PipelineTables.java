package dev.floe.pipeline;

import dev.floe.sink.SinkDefinition;
import dev.floe.stream.StreamDefinition;
import java.util.List;

/**
 * What a pipeline is connected to: the streams it reads and the sinks it writes, each once, in the
 * order its statements name them.
 */
public record PipelineTables(List<StreamDefinition> streams, List<SinkDefinition> sinks) {
    static final PipelineTables NONE = new PipelineTables(List.of(), List.of());

    public PipelineTables {
        streams = List.copyOf(streams);
        sinks = List.copyOf(sinks);
    }
}
