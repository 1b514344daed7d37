package dev.floe.pipeline;

/**
 * Whether a pipeline is moving events, and if not, why.
 *
 * @param failureReason what stopped it, for a {@link State#FAILED} pipeline; else {@code null}
 */
public record PipelineStatus(State state, String failureReason) {
    public static final PipelineStatus RUNNING = new PipelineStatus(State.RUNNING, null);

    public enum State {
        RUNNING("running"),
        FAILED("failed");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        /** As the API shows it. */
        public String wireName() {
            return wireName;
        }
    }

    public static PipelineStatus failed(String reason) {
        return new PipelineStatus(State.FAILED, reason);
    }
}
