package dev.floe.pipeline.run;

import dev.floe.engine.HiddenColumns;
import dev.floe.engine.SqlLiterals;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.sink.RollRange;
import dev.floe.sink.RollTarget;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.file.FilePlan;
import dev.floe.sink.file.PlannedFile;
import dev.floe.sink.file.ScratchFile;
import dev.floe.sink.file.SinkFiles;
import dev.floe.sink.file.WrittenFile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows one sink of a running pipeline holds between rolls, in a temporary table of the runner's
 * DuckDB connection (which spills to disk past the engine's memory limit), and the rolls that turn
 * them into committed files.
 *
 * <p>A sink that one statement alone writes into files may instead hold no rows at all, only the
 * count of events waiting for it ({@link #awaiting}): its roll then writes its file straight from
 * those events ({@link #rollWritten}), which spares DuckDB building and scanning the table.
 */
final class SinkBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(SinkBuffer.class);
    /**
     * How much of its input a file is taken to hold until a roll, or a direct roll's first part, teaches
     * the real ratio, which is far from one guess for all: a tenth for the pipeline benchmark's events in
     * zstd Parquet, about the whole for plain JSON.
     */
    private static final double FIRST_GUESS_FILE_BYTES_PER_INPUT_BYTE = 0.5;

    private final String pipeline;
    private final String pipelineId;
    private final SinkDefinition sink;
    private final RollTarget target;
    private final SinkCommitLog commitLog;
    private final String table;
    private final PipelineMeters.SinkMeters meters;
    private final CommitHooks hooks;
    private final int writers;
    private SinkCommitState state;
    private long rows;
    private long awaitingEvents;
    private long inputBytes;
    private long firstRowMillis;
    private long oldestIngestMillis;
    private long newestIngestMillis;
    private double fileBytesPerInputByte = FIRST_GUESS_FILE_BYTES_PER_INPUT_BYTE;
    private boolean ratioGuessed = true;

    /**
     * @param writers how many of the pipeline's statements write to the sink: the rows of one are in
     *                offset order as they are appended, those of several are sorted at each roll
     */
    SinkBuffer(String pipeline, String pipelineId, SinkDefinition sink, RollTarget target, SinkCommitLog commitLog,
            String table, int writers, PipelineMeters.SinkMeters meters, CommitHooks hooks) {
        this.pipeline = pipeline;
        this.pipelineId = pipelineId;
        this.sink = sink;
        this.target = target;
        this.commitLog = commitLog;
        this.table = table;
        this.writers = writers;
        this.meters = meters;
        this.hooks = hooks;
    }

    /**
     * Finishes a roll that a crash interrupted: commits it when it was published, else deletes the
     * files it may have written and forgets it.
     */
    void recover() {
        SinkCommitState found = commitLog.read();
        boolean published = found.pending() != null && target.published(range(found.pending()));
        CommitDecisions.Recovery recovery = CommitDecisions.recover(found, published);
        for (String key : recovery.deleteKeys()) {
            target.delete(key);
        }
        if (!recovery.unchanged()) {
            commitLog.write(recovery.state());
            if (published) {
                LOG.info("Pipeline {} sink {}: committed the roll of offsets up to {} that was published before a stop",
                        pipeline, sink.name(), recovery.state().committedEnd() - 1);
            } else {
                LOG.info("Pipeline {} sink {}: removed {} file(s) of a roll that was not committed; offsets {} on are "
                        + "processed again", pipeline, sink.name(), recovery.deleteKeys().size(), recovery.state().committedEnd());
            }
        }
        state = recovery.state();
    }

    private RollRange range(SinkCommitState.Intent intent) {
        return new RollRange(pipelineId, sink.name(), intent.offsetStart(), intent.offsetEnd());
    }

    SinkDefinition sink() {
        return sink;
    }

    PipelineMeters.SinkMeters meters() {
        return meters;
    }

    /** The offset after the last record whose rows are committed. */
    long committedEnd() {
        return state.committedEnd();
    }

    /** Whether it holds rows, or events whose rows are yet to be made. */
    boolean holdsRows() {
        return rows > 0 || awaitingEvents > 0;
    }

    /**
     * Where the sink's files can be written straight from the events of a roll, without the table:
     * present for a file sink that one statement alone writes.
     */
    Optional<SinkFiles> directFiles() {
        return target instanceof SinkFiles files && writers == 1 ? Optional.of(files) : Optional.empty();
    }

    /** The ingest time of the oldest record whose rows are buffered; meaningful when {@link #holdsRows()}. */
    long oldestIngestMillis() {
        return oldestIngestMillis;
    }

    /**
     * The temporary table holding the buffered rows: the sink's output columns then {@code __offset}
     * and {@code __ingest_ts}. Statements append to it directly (it exists once the first has run)
     * and report what they appended with {@link #appended}.
     */
    String table() {
        return table;
    }

    /** How many distinct events the last {@code newRows} rows appended to the table came from. */
    long eventsWithNewRows(Connection connection, long newRows) {
        if (newRows == 0) {
            return 0;
        }
        // Rows only ever go to the end of the table, and a failed insert leaves none behind, so the
        // rows appended since the last report are those at and after the count already reported.
        String sql = "SELECT count(DISTINCT " + HiddenColumns.OFFSET + ") FROM " + SqlLiterals.identifier(table)
                + " WHERE rowid >= " + rows;
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot count the events that gave rows: " + e.getMessage(), e);
        }
    }

    /**
     * Takes note of rows a statement appended to the table.
     *
     * @param inputBytes the bytes of the events those rows came from, for the size estimate
     */
    void appended(long newRows, long inputBytes, long oldestIngestMillis, long newestIngestMillis, long nowMillis) {
        held(newRows, inputBytes, oldestIngestMillis, newestIngestMillis, nowMillis);
        rows += newRows;
    }

    /**
     * Takes note of events whose rows the next roll will make, with {@link #rollWritten}, or by
     * appending them to the table first when that cannot be.
     *
     * @param inputBytes the bytes of those events, for the size estimate
     */
    void awaiting(long events, long inputBytes, long oldestIngestMillis, long newestIngestMillis, long nowMillis) {
        held(events, inputBytes, oldestIngestMillis, newestIngestMillis, nowMillis);
        awaitingEvents += events;
    }

    private void held(long count, long inputBytes, long oldestIngestMillis, long newestIngestMillis, long nowMillis) {
        if (count == 0) {
            return;
        }
        if (!holdsRows()) {
            firstRowMillis = nowMillis;
            this.oldestIngestMillis = oldestIngestMillis;
        }
        this.inputBytes += inputBytes;
        this.newestIngestMillis = Math.max(this.newestIngestMillis, newestIngestMillis);
    }

    /**
     * While the size estimate's ratio is still the first guess and the sink rolls by size: the input
     * bytes after which a direct roll should write its events into a part, to learn the ratio from it
     * ({@link #learnRatio}). Half the size target: since a batch holds at most the target's bytes, the
     * first batch or two, before a sink whose files take more of their input than guessed reaches its
     * target by the guess.
     */
    OptionalLong inputBytesToLearnRatioFrom() {
        long target = sink.rollingPolicy().fileSizeBytes();
        return !ratioGuessed || target <= 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, target / 2));
    }

    /**
     * Learns the size estimate's ratio from the parts of a direct roll's file, which hold every event
     * the buffer awaits, in {@code fileBytes}.
     */
    void learnRatio(long fileBytes) {
        if (inputBytes > 0 && fileBytes > 0) {
            fileBytesPerInputByte = (double) fileBytes / inputBytes;
            ratioGuessed = false;
            LOG.debug("Pipeline {} sink {}: its files take {} of their input, learned from {} bytes of a roll's first part",
                    pipeline, sink.name(), fileBytesPerInputByte, fileBytes);
        }
    }

    /** @param caughtUp whether the reader has read every record its stream holds */
    Optional<RollReason> rollDue(long nowMillis, boolean caughtUp) {
        return RollDecision.decide(sink.rollingPolicy(), rows + awaitingEvents,
                Math.round(inputBytes * fileBytesPerInputByte), firstRowMillis, caughtUp ? newestIngestMillis : -1,
                nowMillis);
    }

    /**
     * Writes the buffer's rows into files and commits them as covering every record up to
     * {@code processedEnd}, then empties the buffer.
     */
    void roll(Connection connection, long processedEnd, Instant now, RollReason reason) {
        if (writers > 1) {
            // each statement appended its rows of a batch after the other's
            execute(connection, "CREATE OR REPLACE TEMP TABLE " + SqlLiterals.identifier(table) + " AS SELECT * FROM "
                    + SqlLiterals.identifier(table) + " ORDER BY " + HiddenColumns.OFFSET);
        }
        FilePlan plan = target.plan(connection, table, state.nextSerial(), now);
        commit(processedEnd, plan, file -> target.write(connection, table, file), rows, reason);
        execute(connection, "DROP TABLE " + SqlLiterals.identifier(table));
    }

    /**
     * Commits a roll whose rows, all of {@code partition}, {@code scratch} already holds, as covering
     * every record up to {@code processedEnd}, then empties the buffer. The file is in the scratch
     * directory only, where no recovery needs to find it: its key is still recorded before it is
     * uploaded.
     */
    void rollWritten(Connection connection, long processedEnd, Instant now, RollReason reason, SinkFiles files,
            ScratchFile scratch, String partition) {
        FilePlan plan = files.plan(scratch, partition, state.nextSerial(), now);
        commit(processedEnd, plan, file -> files.upload(connection, scratch, file), scratch.rows(), reason);
    }

    /** The commit protocol of one roll: intent, files, publication, commit record. */
    private void commit(long processedEnd, FilePlan plan, Function<PlannedFile, WrittenFile> write, long rolledRows,
            RollReason reason) {
        List<String> keys = plan.files().stream().map(PlannedFile::key).toList();
        SinkCommitState.Intent intent = state.nextIntent(processedEnd, plan.nextSerial(), keys);
        state = state.announce(intent);
        commitLog.write(state);
        hooks.reached(CommitStep.INTENT_RECORDED, pipeline, sink.name());
        long bytes = 0;
        List<WrittenFile> writtenFiles = new ArrayList<>();
        for (PlannedFile file : plan.files()) {
            WrittenFile written = write.apply(file);
            writtenFiles.add(written);
            bytes += written.bytes();
            hooks.reached(CommitStep.FILE_WRITTEN, pipeline, sink.name());
        }
        target.publish(range(intent), writtenFiles);
        hooks.reached(CommitStep.PUBLISHED, pipeline, sink.name());
        for (WrittenFile written : writtenFiles) {
            meters.files.increment();
            meters.bytes.increment(written.bytes());
            meters.rowGroups.increment(written.rowGroups());
        }
        state = state.commit();
        commitLog.write(state);
        LOG.info("Pipeline {} sink {}: committed {} row(s) in {} file(s), {} bytes, offsets {}..{} ({})", pipeline,
                sink.name(), rolledRows, keys.size(), bytes, intent.offsetStart(), intent.offsetEnd() - 1, reason.label());
        hooks.reached(CommitStep.COMMIT_RECORDED, pipeline, sink.name());
        // a roll without rows teaches nothing of the ratio
        if (inputBytes > 0 && bytes > 0) {
            fileBytesPerInputByte = (double) bytes / inputBytes;
            ratioGuessed = false;
        }
        rows = 0;
        awaitingEvents = 0;
        inputBytes = 0;
    }

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot buffer rows in DuckDB: " + e.getMessage(), e);
        }
    }
}
