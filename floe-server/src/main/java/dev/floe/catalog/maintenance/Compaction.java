package dev.floe.catalog.maintenance;

import dev.floe.catalog.LocalFileIO;
import dev.floe.catalog.maintenance.JobOutcome.Status;
import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.IcebergDuckDbTypes;
import dev.floe.engine.SqlLiterals;
import dev.floe.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.actions.RewriteFileGroup;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.InputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts one table: bin-packs its small data files into files of the target size.
 *
 * <p>The files come from {@link CompactionPlanner}. Each group's files are put in the engine's work
 * directory (hard-linked from a local bucket, downloaded from S3: DuckDB may read nothing else) and
 * split into as many runs of about equal bytes as the planner expects output files. Each run becomes
 * one file, the cheapest way that applies: when the files share one Parquet schema and their row
 * groups are already about as large as DuckDB's, {@link RowGroupCopy} concatenates their row groups
 * without decoding them; when they share one schema but their row groups are small, {@link PageMerge}
 * merges the row groups into large ones page by page, decoding only dictionaries and dictionary
 * indexes; otherwise, or when the pages turn out not to merge (a column compressed two ways, too many
 * distinct values for one dictionary), DuckDB copies the rows, columns found by Iceberg field id, into
 * zstd Parquet with the field ids written. Copies and merges, one core each, run on every core at
 * once; DuckDB's rewrites, each on every core, one at a time. Each new file's Iceberg metrics are read
 * from its footer with the table's metrics settings; it is put under the table's data location as
 * {@code compacted-<uuid>.parquet} (R2 Data Catalog's prefix), moved into a local bucket or uploaded to
 * S3, once its rows are checked against its run's inputs' (row counts and null counts must match):
 * {@link GroupOutputs}, as soon as its merge ends.
 *
 * <p>One {@link RewriteFiles} commit replaces every group's inputs by its outputs, validated from the
 * snapshot the plan was made on: appends committed meanwhile are kept (Iceberg rebases the rewrite on
 * them); a rewrite whose inputs were removed meanwhile fails validation and is dropped. New files keep
 * the data sequence number of that snapshot, so that equality deletes committed meanwhile still apply
 * to their rows. A commit that loses a race with another writer more often than Iceberg retries is
 * tried again on the table as it is then. Whatever fails before the commit, or definitely fails at it,
 * deletes the files written; when the commit's outcome is unknown they are left for orphan-file removal.
 */
final class Compaction {
    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);
    private static final int COMMIT_ATTEMPTS = 3;
    private static final int MERGE_THREADS = Runtime.getRuntime().availableProcessors();
    /** Compacted files are named as R2 Data Catalog names them. */
    static final String FILE_PREFIX = "compacted-";

    private final Supplier<DuckDbEngine> engine;
    private final long minRowGroupRows;
    private volatile boolean stopped;
    private volatile Statement running;

    /**
     * @param engine           the DuckDB to rewrite with, opened on first use
     * @param minRowGroupRows the rows per row group, on average, from which files are merged by copying
     *                        their row groups rather than rewritten ({@link RowGroupCopy#MIN_AVERAGE_ROW_GROUP_ROWS})
     */
    Compaction(Supplier<DuckDbEngine> engine, long minRowGroupRows) {
        this.engine = engine;
        this.minRowGroupRows = minRowGroupRows;
    }

    /**
     * Stops for good: the rewrite running is cancelled and its run ends without committing (its files
     * are deleted); later runs do nothing. For shutdown, which should not wait for a whole run.
     */
    void stop() {
        stopped = true;
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                LOG.warn("Could not cancel a compaction's rewrite; shutdown waits for it", e);
            }
        }
    }

    /** Compacts the table, taking at most {@code maxBytes} of input. */
    JobOutcome run(MaintainedTable target, CompactionPolicy policy, long maxBytes) {
        long started = System.nanoTime();
        Table table = target.table();
        Snapshot start = table.currentSnapshot();
        String unsupported = unsupported(table);
        if (unsupported != null) {
            return target.nothing(JobKind.COMPACTION, Status.SKIPPED, started, unsupported);
        }
        List<RewriteFileGroup> groups = start == null ? List.of()
                : CompactionPlanner.plan(table, start, policy.targetSizeBytes(), maxBytes);
        if (groups.isEmpty()) {
            return target.nothing(JobKind.COMPACTION, Status.IDLE, started, null);
        }
        Set<DataFile> removed = new HashSet<>();
        List<DataFile> added = new ArrayList<>();
        Path work = null;
        try {
            work = Files.createTempDirectory(engine.get().workDirectory(), "compaction-");
            for (RewriteFileGroup group : groups) {
                if (stopped) {
                    throw new IllegalStateException("stopped before committing, as the server is shutting down");
                }
                added.addAll(rewrite(table, group, work.resolve("group-" + group.info().globalIndex())));
                removed.addAll(group.rewrittenFiles());
            }
            commit(table, start, removed, added);
            return target.outcome(JobKind.COMPACTION, Status.DONE, removed.size(), added.size(), bytes(removed),
                    bytes(added), started, null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CommitStateUnknownException) {
                LOG.warn("The compaction commit of table {} may or may not have happened; its {} new files are left "
                        + "for orphan-file removal if it did not", target.label(), added.size(), e);
            } else {
                deleteQuietly(table, added);
            }
            return target.nothing(JobKind.COMPACTION, Status.FAILED, started, e.toString());
        } finally {
            deleteScratch(work);
        }
    }

    /** Why DuckDB cannot rewrite this table's files faithfully, or {@code null} when it can. */
    static String unsupported(Table table) {
        if (table.properties().containsKey(TableProperties.DEFAULT_NAME_MAPPING)) {
            return "it has a name mapping, so its files may lack the field ids compaction finds columns by";
        }
        return DuckDbColumns.unsupported(table.schema());
    }

    /** Writes one group's rows into new files in the table and returns them, uncommitted. */
    private List<DataFile> rewrite(Table table, RewriteFileGroup group, Path work) throws IOException {
        Path inputs = Files.createDirectories(work.resolve("in"));
        Path outputs = Files.createDirectories(work.resolve("out"));
        List<FileScanTask> tasks = group.fileScanTasks();
        // Staging a file and reading its footer is a millisecond or so, over a thousand small files a
        // second on one core while the other had nothing to do.
        List<LocalParquetFile> staged = unchecked(() -> IntStream.range(0, tasks.size()).parallel()
                .mapToObj(i -> staged(table, tasks.get(i).file().location(), inputs.resolve(i + ".parquet")))
                .toList());
        GroupOutputs written = new GroupOutputs(table, tasks.getFirst().file());
        try {
            if (staged.size() < group.expectedOutputFiles()) {
                // A file far over the target: DuckDB splits it, rolling its output at the split size.
                copyRows(table, staged, outputs.resolve("rolled"), group.inputSplitSize());
                try (Stream<Path> listed = Files.walk(outputs)) {
                    written.add(staged, listed.filter(Files::isRegularFile).sorted().toList());
                }
            } else {
                boolean copyRowGroups = RowGroupCopy.suits(staged, minRowGroupRows);
                boolean mergePages = !copyRowGroups && PageMerge.suits(staged);
                List<List<LocalParquetFile>> bins = bins(staged, LocalParquetFile::size, group.expectedOutputFiles());
                List<Path> targets = IntStream.range(0, bins.size()).mapToObj(i -> outputs.resolve(i + ".parquet"))
                        .toList();
                boolean[] merged = copyRowGroups || mergePages ? merge(table, bins, targets, copyRowGroups, written)
                        : new boolean[bins.size()];
                for (int i = 0; i < bins.size(); i++) {
                    if (!merged[i]) {
                        LOG.debug("Rewriting {} files of table {} with DuckDB", bins.get(i).size(), table.name());
                        copyRows(table, bins.get(i), targets.get(i), null);
                        written.add(bins.get(i), List.of(targets.get(i)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(table, written.written());
            throw e;
        }
        AtomicFiles.deleteTree(inputs);
        return written.written();
    }

    /**
     * Merges each run of files into its target, by copying their row groups or else page by page, and
     * adds the target to {@code written}, on as many threads as there are cores (a merge keeps one core
     * busy, where DuckDB's rewrite takes every core itself): a merged file is fsynced into the bucket
     * while the other core merges the next. Answers which runs it merged; those it could not merge
     * page by page are left to DuckDB.
     */
    private static boolean[] merge(Table table, List<List<LocalParquetFile>> bins, List<Path> targets,
                                   boolean copyRowGroups, GroupOutputs written) throws IOException {
        List<Future<Boolean>> merges = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(bins.size(), MERGE_THREADS),
                Thread.ofPlatform().name("compaction-merge-", 0).factory())) {
            for (int i = 0; i < bins.size(); i++) {
                List<LocalParquetFile> bin = bins.get(i);
                Path target = targets.get(i);
                merges.add(threads.submit(() -> {
                    boolean merged = copyRowGroups ? copiedRowGroups(table, bin, target)
                            : mergedPages(table, bin, target);
                    if (merged) {
                        written.add(bin, List.of(target));
                    }
                    return merged;
                }));
            }
        }
        boolean[] merged = new boolean[bins.size()];
        for (int i = 0; i < merged.length; i++) {
            merged[i] = outcome(merges.get(i));
        }
        return merged;
    }

    private static boolean outcome(Future<Boolean> merge) throws IOException {
        try {
            return merge.resultNow();
        } catch (IllegalStateException e) {
            Throwable cause = merge.exceptionNow();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private static boolean copiedRowGroups(Table table, List<LocalParquetFile> inputs, Path output) throws IOException {
        LOG.debug("Merging {} files of table {} by copying their row groups", inputs.size(), table.name());
        RowGroupCopy.merge(inputs, output);
        return true;
    }

    /** Merges the files page by page into {@code output}; says whether it could, leaving no file if not. */
    private static boolean mergedPages(Table table, List<LocalParquetFile> inputs, Path output) throws IOException {
        try {
            PageMerge.merge(inputs, output);
            LOG.debug("Merged {} files of table {} page by page", inputs.size(), table.name());
            return true;
        } catch (PagesNotMergeable e) {
            LOG.debug("Cannot merge {} files of table {} page by page: {}", inputs.size(), table.name(),
                    e.getMessage());
            Files.deleteIfExists(output);
            return false;
        }
    }

    /**
     * Splits files, in order, into {@code count} runs of about equal bytes: each file goes to the run
     * its middle byte falls in.
     */
    static <T> List<List<T>> bins(List<T> files, ToLongFunction<T> sizes, int count) {
        long total = 0;
        for (T file : files) {
            total += sizes.applyAsLong(file);
        }
        List<List<T>> bins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bins.add(new ArrayList<>());
        }
        long before = 0;
        for (T file : files) {
            long size = sizes.applyAsLong(file);
            int bin = total == 0 ? 0 : (int) Math.min(count - 1, (before + size / 2) * count / total);
            bins.get(bin).add(file);
            before += size;
        }
        bins.removeIf(List::isEmpty);
        return bins;
    }

    /**
     * Has DuckDB copy the files' rows, columns found by field id, into zstd Parquet with the table's
     * field ids: one file at {@code target}, or files in the folder {@code target} rolled at
     * {@code rollBytes}. Row order is not kept, so that both cores write (bin-packing promises none).
     */
    private void copyRows(Table table, List<LocalParquetFile> inputs, Path target, Long rollBytes) {
        String files = String.join(", ", inputs.stream().map(input -> SqlLiterals.string(input.path().toString()))
                .toList());
        String sql = "COPY (SELECT * FROM read_parquet([" + files + "], hive_partitioning = false, schema = "
                + IcebergDuckDbTypes.readSchema(table.schema()) + ")) TO " + SqlLiterals.string(target.toString())
                + " (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PRESERVE_ORDER false, FIELD_IDS "
                + DuckDbColumns.fieldIds(table.schema()) + (rollBytes != null ? ", FILE_SIZE_BYTES " + rollBytes : "")
                + ")";
        try (Connection connection = engine.get().connect(); Statement statement = connection.createStatement()) {
            running = statement;
            if (stopped) {
                throw new IllegalStateException("stopped before rewriting, as the server is shutting down");
            }
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not rewrite " + inputs.size() + " files of table "
                    + table.name() + ": " + e.getMessage(), e);
        } finally {
            running = null;
        }
    }

    /** Puts a data file where DuckDB may read it: a hard link for a local bucket, else a download. */
    private static LocalParquetFile staged(Table table, String location, Path local) {
        try {
            stage(table, location, local);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + location + ": " + e.getMessage(), e);
        }
        return LocalParquetFile.read(local);
    }

    /** The value of {@code work}, with an {@link UncheckedIOException} it throws as an {@link IOException}. */
    private static <T> T unchecked(Supplier<T> work) throws IOException {
        try {
            return work.get();
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }

    private static void stage(Table table, String location, Path local) throws IOException {
        // Through the table's FileIO first: it refuses a location outside the bucket.
        InputFile input = table.io().newInputFile(location);
        if (location.startsWith("file:")) {
            try {
                Files.createLink(local, LocalFileIO.path(location));
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // another file system, or no hard links: copy it instead
            }
        }
        try (InputStream in = input.newStream()) {
            Files.copy(in, local);
        }
    }

    /**
     * Refuses a rewrite whose files hold another number of rows than its inputs, or another number of
     * nulls in a column that every file counts: a column DuckDB did not find would read as all nulls.
     * (The inputs' counts are read from their footers: a scan's file entries carry none.)
     */
    static void checkSameRows(String table, Schema schema, List<Metrics> inputs, List<Metrics> outputs) {
        long rowsIn = inputs.stream().mapToLong(Metrics::recordCount).sum();
        long rowsOut = outputs.stream().mapToLong(Metrics::recordCount).sum();
        if (rowsIn != rowsOut) {
            throw new IllegalStateException("compacting table " + table + " wrote " + rowsOut + " rows from "
                    + rowsIn + "; nothing was committed");
        }
        Map<Integer, Long> nullsIn = nullsInEveryFile(inputs);
        Map<Integer, Long> nullsOut = nullsInEveryFile(outputs);
        nullsIn.forEach((fieldId, nulls) -> {
            Long written = nullsOut.get(fieldId);
            if (written != null && !written.equals(nulls)) {
                throw new IllegalStateException("compacting table " + table + " wrote " + written + " nulls in column "
                        + schema.findColumnName(fieldId) + " where its inputs have " + nulls
                        + "; nothing was committed");
            }
        });
    }

    /** Per field id, the files' null counts summed, for the fields every file counts. */
    private static Map<Integer, Long> nullsInEveryFile(List<Metrics> files) {
        Map<Integer, Long> sums = null;
        for (Metrics file : files) {
            Map<Integer, Long> counts = file.nullValueCounts();
            if (counts == null) {
                return Map.of();
            }
            if (sums == null) {
                sums = new HashMap<>(counts);
            } else {
                sums.keySet().retainAll(counts.keySet());
                sums.replaceAll((fieldId, sum) -> sum + counts.get(fieldId));
            }
        }
        return sums == null ? Map.of() : sums;
    }

    private static void commit(Table table, Snapshot start, Set<DataFile> removed, List<DataFile> added) {
        for (int attempt = 1; ; attempt++) {
            try {
                RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(start.snapshotId());
                if (TableUtil.formatVersion(table) >= 2) {
                    rewrite.dataSequenceNumber(start.sequenceNumber());
                }
                removed.forEach(rewrite::deleteFile);
                added.forEach(rewrite::addFile);
                rewrite.commit();
                return;
            } catch (CommitFailedException e) {
                if (attempt == COMMIT_ATTEMPTS) {
                    throw e;
                }
                LOG.info("The compaction of table {} lost a race with another commit; committing it again on the "
                        + "table as it is now", table.name());
                table.refresh();
            }
        }
    }

    private static long bytes(Collection<DataFile> files) {
        return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    }

    private static void deleteQuietly(Table table, List<DataFile> files) {
        for (DataFile file : files) {
            try {
                table.io().deleteFile(file.location());
            } catch (RuntimeException e) {
                LOG.warn("Could not delete {}, written by a compaction that was not committed; orphan-file removal "
                        + "will", file.location(), e);
            }
        }
    }

    /** Deletes a run's scratch folder; one left behind is deleted with the engine's work directory at start. */
    private static void deleteScratch(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            AtomicFiles.deleteTree(directory);
        } catch (IOException e) {
            LOG.warn("Could not delete compaction's scratch folder {}", directory, e);
        }
    }
}
