package dev.floe.pipeline.run;

/**
 * Called at each step of a roll. Production runs with {@link #NONE}; crash tests stop the process at
 * a chosen step to prove that recovery from there neither loses nor doubles a row.
 */
@FunctionalInterface
public interface CommitHooks {
    CommitHooks NONE = (step, pipeline, sink) -> {
    };

    /**
     * @param pipeline the pipeline's name
     * @param sink     the sink's name; for {@link CommitStep#CONSUMER_COMMITTED}, the sink whose roll
     *                 moved the consumer
     */
    void reached(CommitStep step, String pipeline, String sink);
}
