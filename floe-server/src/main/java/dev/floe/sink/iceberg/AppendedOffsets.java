package dev.floe.sink.iceberg;

import dev.floe.sink.RollRange;
import java.util.Map;

/**
 * How far one pipeline's appends through one sink have reached in a table: each append records its
 * offset end, in the same commit, in a table property named after the pipeline and the sink.
 *
 * <p>The appends' snapshot summaries say the same, but a snapshot does not last: expiration (floe's,
 * or any engine's) removes old ones, and once one snapshot between the table's head and a writer's
 * last append is gone, that append can no longer be found by walking back from the head. A roll that
 * was appended but not yet recorded as committed would then be taken for one that never was, appended
 * again, and its files deleted. Table properties are carried by every commit, whoever makes it, and
 * no expiration touches them.
 */
final class AppendedOffsets {
    private static final String PREFIX = "floe.offset-end.";

    private AppendedOffsets() {
    }

    /** The table property holding the offset end of a pipeline's last append through a sink. */
    static String property(RollRange roll) {
        return PREFIX + roll.pipelineId() + "." + roll.sink();
    }

    /** Whether a table with these properties holds {@code roll}'s range for its pipeline and sink. */
    static boolean covers(Map<String, String> tableProperties, RollRange roll) {
        String recorded = tableProperties.get(property(roll));
        return recorded != null && Long.parseLong(recorded) >= roll.offsetEnd();
    }
}
