package dev.floe.pipeline.run;

import dev.floe.engine.BatchLoader;
import dev.floe.engine.HiddenColumns;
import dev.floe.engine.SqlLiterals;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.pipeline.sql.StatementResult;
import dev.floe.pipeline.sql.StatementRunner;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.log.StreamLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a running pipeline does with one of its streams: reads it in micro-batches from where the
 * pipeline's consumer committed, runs the statements that read it, feeds their sinks' buffers, rolls
 * them, and moves the consumer once the sinks committed.
 */
final class StreamReader {
    /** Enough records to keep DuckDB's vectorized execution busy, few enough to bound memory. */
    private static final int MAX_BATCH_RECORDS = 100_000;
    private static final long MAX_BATCH_BYTES = 32L << 20;
    private static final String BATCH_TABLE = "floe_batch";
    private static final String OUTPUT_TABLE = "floe_output";

    private final String pipeline;
    private final String consumer;
    private final StreamLog log;
    private final BatchLoader loader;
    private final List<CompiledStatement> statements;
    private final Map<String, SinkBuffer> buffers;
    private final Set<SinkBuffer> ownBuffers;
    private final long maxBatchBytes;
    private final DeadLetterFiles deadLetters;
    private final PipelineMeters meters;
    private final CommitHooks hooks;
    private long nextOffset;
    private long consumerCommitted;
    private long unreadIngestMillis = -1;

    /**
     * @param buffers the pipeline's sink buffers by sink name; this reader uses those its statements
     *                write to
     */
    StreamReader(String pipeline, String consumer, StreamLog log, BatchLoader loader, List<CompiledStatement> statements,
            Map<String, SinkBuffer> buffers, DeadLetterFiles deadLetters, PipelineMeters meters, CommitHooks hooks) {
        this.pipeline = pipeline;
        this.consumer = consumer;
        this.log = log;
        this.loader = loader;
        this.statements = List.copyOf(statements);
        this.buffers = buffers;
        this.ownBuffers = new LinkedHashSet<>();
        statements.forEach(statement -> ownBuffers.add(buffers.get(statement.sink())));
        // A batch's rows go into one file per partition, so no batch may hold more than a file should.
        this.maxBatchBytes = ownBuffers.stream().mapToLong(buffer -> buffer.sink().rollingPolicy().fileSizeBytes())
                .filter(size -> size > 0).reduce(MAX_BATCH_BYTES, Math::min);
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.hooks = hooks;
        OptionalLong committed = log.committed(consumer);
        if (committed.isEmpty()) {
            throw new FloeException(ErrorCode.INTERNAL, "pipeline " + pipeline + " is not registered as a consumer of "
                    + "its stream; delete the pipeline and create it again");
        }
        this.consumerCommitted = committed.getAsLong();
        this.nextOffset = CommitDecisions.resumeOffset(consumerCommitted, log.startOffset());
    }

    /**
     * Processes the next micro-batch, if records are waiting.
     *
     * @return whether there were
     */
    boolean step(Connection connection, long nowMillis) {
        List<LogRecord> records = log.read(nextOffset, MAX_BATCH_RECORDS, maxBatchBytes);
        if (records.isEmpty()) {
            unreadIngestMillis = -1;
            return false;
        }
        long batchStart = records.getFirst().offset();
        long batchEnd = records.getLast().offset() + 1;
        long batchBytes = records.stream().mapToLong(record -> record.payload().length).sum();
        loader.load(connection, records, BATCH_TABLE);
        meters.recordsIn(records.size());
        StatementRunner runner = new StatementRunner(connection);
        for (CompiledStatement statement : statements) {
            SinkBuffer buffer = buffers.get(statement.sink());
            long from = CommitDecisions.firstOffsetFor(buffer.committedEnd(), batchStart);
            if (from >= batchEnd) {
                continue;
            }
            StatementResult result = runner.run(statement, BATCH_TABLE, from, OUTPUT_TABLE);
            int deadLettered = deadLetters.write(statement.sink(), result.deadLetters(), records);
            long eventsWithRows = distinctOffsets(connection);
            long considered = batchEnd - from;
            buffer.meters().recordsOut.increment(result.rows());
            buffer.meters().deadLettered.increment(deadLettered);
            buffer.meters().filtered.increment(Math.max(0, considered - eventsWithRows - result.deadLetters().size()));
            long inputBytes = considered == 0 ? 0 : batchBytes * eventsWithRows / records.size();
            buffer.append(connection, OUTPUT_TABLE, result.rows(), inputBytes,
                    records.get(Math.toIntExact(from - batchStart)).ingestTimeMillis(), nowMillis);
        }
        nextOffset = batchEnd;
        unreadIngestMillis = nextOffset < log.endOffset() ? records.getLast().ingestTimeMillis() : -1;
        return true;
    }

    /** Rolls the buffers that are due, then moves the consumer past what every sink committed. */
    void rollDue(Connection connection, Instant now) {
        boolean rolled = false;
        for (SinkBuffer buffer : ownBuffers) {
            var reason = buffer.rollDue(now.toEpochMilli());
            if (reason.isPresent()) {
                buffer.roll(connection, nextOffset, now, reason.get());
                rolled = true;
                commitConsumer(buffer.sink().name());
            }
        }
        if (!rolled) {
            commitConsumer(null);
        }
    }

    private void commitConsumer(String sinkThatRolled) {
        List<Long> pendingStarts = new ArrayList<>();
        for (SinkBuffer buffer : ownBuffers) {
            if (buffer.holdsRows()) {
                pendingStarts.add(buffer.committedEnd());
            }
        }
        OptionalLong commit = CommitDecisions.consumerCommit(consumerCommitted,
                CommitDecisions.consumerOffset(nextOffset, pendingStarts));
        if (commit.isPresent()) {
            log.commit(consumer, commit.getAsLong());
            consumerCommitted = commit.getAsLong();
            if (sinkThatRolled != null) {
                hooks.reached(CommitStep.CONSUMER_COMMITTED, pipeline, sinkThatRolled);
            }
        }
    }

    /** Records of the stream that some sink has yet to commit. */
    long lagRecords() {
        return Math.max(0, log.endOffset() - consumerCommitted);
    }

    /** The ingest time of the oldest record known not to be committed by every sink, or -1 when none is. */
    long oldestPendingIngestMillis() {
        long oldest = unreadIngestMillis;
        for (SinkBuffer buffer : ownBuffers) {
            if (buffer.holdsRows() && (oldest < 0 || buffer.oldestIngestMillis() < oldest)) {
                oldest = buffer.oldestIngestMillis();
            }
        }
        return oldest;
    }

    private static long distinctOffsets(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(DISTINCT " + HiddenColumns.OFFSET + ") FROM "
                        + SqlLiterals.identifier(OUTPUT_TABLE))) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new FloeException(ErrorCode.INTERNAL, "cannot count the events that gave rows: " + e.getMessage(), e);
        }
    }
}
