package dev.floe.pipeline.run;

import dev.floe.pipeline.PipelineDefinition;
import dev.floe.pipeline.PipelineRuns;
import dev.floe.pipeline.PipelineStatus;
import dev.floe.pipeline.sql.CompiledPipeline;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.stream.StreamService;
import dev.floe.stream.log.StreamLog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs every pipeline, one runner each. */
public final class PipelineSupervisor implements PipelineRuns {
    private final StreamService streams;
    private final Map<String, PipelineStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, CompiledPipeline> running = new ConcurrentHashMap<>();

    public PipelineSupervisor(StreamService streams) {
        this.streams = streams;
    }

    /** The name a pipeline's reader has among its stream's consumers. */
    public static String consumerName(String pipelineId) {
        return "pipeline-" + pipelineId;
    }

    @Override
    public void start(PipelineDefinition pipeline, CompiledPipeline compiled) {
        for (CompiledStatement statement : compiled.statements()) {
            StreamLog log = streams.log(streams.get(statement.stream()));
            log.registerConsumer(consumerName(pipeline.id()), log.startOffset());
        }
        running.put(pipeline.id(), compiled);
        statuses.put(pipeline.id(), PipelineStatus.RUNNING);
    }

    @Override
    public void markFailed(PipelineDefinition pipeline, String reason) {
        statuses.put(pipeline.id(), PipelineStatus.failed(reason));
    }

    @Override
    public PipelineStatus status(String pipelineId) {
        return statuses.getOrDefault(pipelineId, PipelineStatus.RUNNING);
    }

    @Override
    public void delete(String pipelineId) {
        CompiledPipeline compiled = running.remove(pipelineId);
        statuses.remove(pipelineId);
        if (compiled == null) {
            return;
        }
        for (CompiledStatement statement : compiled.statements()) {
            streams.log(streams.get(statement.stream())).removeConsumer(consumerName(pipelineId));
        }
    }

    @Override
    public void close() {
        running.clear();
    }
}
