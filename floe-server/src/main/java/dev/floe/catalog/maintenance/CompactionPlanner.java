package dev.floe.catalog.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RewriteJobOrder;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.BinPackRewriteFilePlanner;
import org.apache.iceberg.actions.RewriteFileGroup;
import org.apache.iceberg.actions.SizeBasedFileRewritePlanner;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Chooses the data files compaction rewrites, with Iceberg's own bin-packing planner
 * ({@link BinPackRewriteFilePlanner}, what Spark's {@code rewrite_data_files} uses): within each
 * partition, files under 75% or over 180% of the target size are candidates; they are packed into
 * groups, and a group is rewritten when it has at least {@value #MIN_INPUT_FILES} files, or more than
 * one file and more bytes than the target, or more bytes than 180% of it. Files within the range are
 * never rewritten, so a compacted table stays compacted.
 *
 * <p>On top of Iceberg's rules, a run takes at most {@code maxBytes} of input (groups with the most
 * files first: they reduce the file count most), and leaves out groups it cannot rewrite by copying
 * rows: files with delete files (their deletes would have to be applied) and files of an older
 * partition spec (their rows may span several partitions of the current one).
 */
final class CompactionPlanner {
    static final int MIN_INPUT_FILES = 5;

    private CompactionPlanner() {
    }

    /** The groups to rewrite from the table as of {@code snapshot}, in the order to rewrite them. */
    static List<RewriteFileGroup> plan(Table table, Snapshot snapshot, long targetBytes, long maxBytes) {
        BinPackRewriteFilePlanner planner = new BinPackRewriteFilePlanner(table, Expressions.alwaysTrue(),
                snapshot.snapshotId(), true);
        planner.init(Map.of(
                SizeBasedFileRewritePlanner.TARGET_FILE_SIZE_BYTES, Long.toString(targetBytes),
                SizeBasedFileRewritePlanner.MIN_INPUT_FILES, Integer.toString(MIN_INPUT_FILES),
                // No group may exceed what one run takes, or it would never be taken.
                SizeBasedFileRewritePlanner.MAX_FILE_GROUP_SIZE_BYTES, Long.toString(maxBytes)));
        List<RewriteFileGroup> groups = new ArrayList<>();
        try (CloseableIterable<RewriteFileGroup> planned = planner.plan().groups()) {
            planned.forEach(group -> {
                if (rewritable(table, group)) {
                    groups.add(group);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot plan the compaction of " + table.name(), e);
        }
        groups.sort(RewriteFileGroup.comparator(RewriteJobOrder.FILES_DESC));
        List<RewriteFileGroup> taken = new ArrayList<>();
        long bytes = 0;
        for (RewriteFileGroup group : groups) {
            if (bytes + group.inputFilesSizeInBytes() <= maxBytes) {
                taken.add(group);
                bytes += group.inputFilesSizeInBytes();
            }
        }
        return taken;
    }

    private static boolean rewritable(Table table, RewriteFileGroup group) {
        for (FileScanTask task : group.fileScanTasks()) {
            if (!task.deletes().isEmpty() || task.file().specId() != table.spec().specId()) {
                return false;
            }
        }
        return true;
    }
}
