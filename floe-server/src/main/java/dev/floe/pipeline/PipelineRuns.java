package dev.floe.pipeline;

import dev.floe.pipeline.sql.CompiledPipeline;

/**
 * The running side of pipelines, as the control plane sees it: it starts a pipeline's runner, says
 * how it is doing, and forgets a deleted pipeline.
 */
public interface PipelineRuns extends AutoCloseable {

    /**
     * Starts running a pipeline. A new pipeline registers as a consumer of its streams before this
     * returns, so that retention keeps every record it has yet to read.
     */
    void start(PipelineDefinition pipeline, CompiledPipeline compiled);

    /** Records that a stored pipeline cannot run (its SQL no longer compiles, say), without running it. */
    void markFailed(PipelineDefinition pipeline, String reason);

    /** The pipeline's status; {@code RUNNING} until its runner fails. */
    PipelineStatus status(String pipelineId);

    /**
     * Stops a deleted pipeline's runner and forgets it: its consumer registrations and commit state
     * go, the files it committed stay.
     */
    void delete(String pipelineId);

    /** Stops every runner; what they buffered but did not commit is read again at the next start. */
    @Override
    void close();
}
