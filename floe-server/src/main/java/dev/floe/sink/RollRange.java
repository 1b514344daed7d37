package dev.floe.sink;

/**
 * What one roll of a sink covers: the records of a pipeline's stream from {@code offsetStart} up to
 * (not including) {@code offsetEnd}.
 *
 * @param pipelineId the id of the pipeline writing, which never changes for its life (a pipeline
 *                   created again under the same name is another writer, starting over)
 */
public record RollRange(String pipelineId, String sink, long offsetStart, long offsetEnd) {}
