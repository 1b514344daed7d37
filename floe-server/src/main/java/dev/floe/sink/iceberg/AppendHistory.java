package dev.floe.sink.iceberg;

import dev.floe.sink.RollRange;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What a table's history says of one pipeline's appends through one sink: the summaries its snapshots
 * carry.
 */
final class AppendHistory {

    private AppendHistory() {
    }

    /**
     * Whether the table's current snapshot or one of its ancestors is an append of this pipeline and
     * sink that reached {@code roll}'s end. The walk stops at the writer's newest append: a writer's
     * appends only move forward, so an older one cannot reach further.
     */
    static boolean covers(Table table, RollRange roll) {
        for (Snapshot snapshot = table.currentSnapshot(); snapshot != null;
                snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId())) {
            Map<String, String> summary = snapshot.summary();
            if (roll.pipelineId().equals(summary.get(TableSink.SUMMARY_PIPELINE))
                    && roll.sink().equals(summary.get(TableSink.SUMMARY_SINK))) {
                return Long.parseLong(summary.get(TableSink.SUMMARY_OFFSET_END)) >= roll.offsetEnd();
            }
        }
        return false;
    }
}
