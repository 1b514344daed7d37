package dev.floe.pipeline.run;

import dev.floe.engine.BatchFile;
import dev.floe.engine.BatchLoader;
import dev.floe.engine.SqlLiterals;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.pipeline.sql.StatementResult;
import dev.floe.pipeline.sql.StatementRunner;
import dev.floe.sink.file.ScratchFile;
import dev.floe.sink.file.SinkFiles;
import dev.floe.stream.log.LogRecord;
import dev.floe.stream.log.StreamLog;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a running pipeline does with one of its streams: reads it in micro-batches from where the
 * pipeline's consumer committed, runs the statements that read it, feeds their sinks' buffers, rolls
 * them, and moves the consumer once the sinks committed.
 *
 * <p>A stream that one statement reads, into a file sink that it alone writes, is rolled directly:
 * its batch files are kept until the roll, which runs the statement once over all of them into the
 * sink's file, as DuckDB would convert one file alone. Only when the roll's events span several
 * partitions, or a value fails the statement, do they go through the sink's table first (which finds
 * the events at fault); counting the rows then waits for the roll.
 */
final class StreamReader implements AutoCloseable {
    /** A direct roll's file: the rows of its events, all of one partition. */
    private record DirectFile(ScratchFile scratch, String partition) implements AutoCloseable {
        @Override
        public void close() {
            scratch.close();
        }
    }

    /**
     * A direct roll's file written ahead for the awaited events up to {@code end}, {@code events} of
     * them; empty when they cannot be written directly.
     */
    private record PreparedRoll(long end, long events, Optional<DirectFile> file) {}

    /**
     * Batches as large as this measured a third faster than batches of 100,000 records: DuckDB's
     * reader keeps both threads busy but for the end of each file, and every statement has a fixed
     * cost. The memory they take is on disk (the batch file) and in the sink's buffer, where the rows
     * go anyway.
     */
    private static final int MAX_BATCH_RECORDS = 1_000_000;
    private static final long MAX_BATCH_BYTES = 128L << 20;
    private static final String BATCH_TABLE = "floe_batch";

    private final String pipeline;
    private final String consumer;
    private final StreamLog log;
    private final BatchLoader loader;
    private final BatchPrefetcher batches;
    private final List<CompiledStatement> statements;
    private final Map<String, SinkBuffer> buffers;
    private final Set<SinkBuffer> ownBuffers;
    private final DeadLetterFiles deadLetters;
    private final PipelineMeters meters;
    private final CommitHooks hooks;
    private final Optional<SinkFiles> direct;
    private final List<BatchPrefetcher.Batch> awaiting = new ArrayList<>();
    /** The file of the next direct roll, written ahead by {@link #prepareRoll}; null when none is. */
    private PreparedRoll prepared;
    /** How many events the last file written ahead held, when new events made it useless; 0 after a roll. */
    private long wastedEvents;
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
        // A batch's rows go into one file per partition, so no batch may hold more than a file should.
        long maxBatchBytes = ownBuffers.stream().mapToLong(buffer -> buffer.sink().rollingPolicy().fileSizeBytes())
                .filter(size -> size > 0).reduce(MAX_BATCH_BYTES, Math::min);
        this.batches = new BatchPrefetcher(pipeline, log, loader, MAX_BATCH_RECORDS, maxBatchBytes);
        this.direct = statements.size() == 1 && statements.getFirst().atMostOneRowPerEvent()
                ? buffers.get(statements.getFirst().sink()).directFiles() : Optional.empty();
    }

    /**
     * Processes the next micro-batch, if records are waiting.
     *
     * @return whether there were
     */
    boolean step(Connection connection, Clock clock) {
        BatchPrefetcher.Batch batch = batches.next(nextOffset);
        if (batch == null) {
            unreadIngestMillis = -1;
            return false;
        }
        meters.recordsIn(batch.records());
        if (direct.isPresent()) {
            await(batch, clock.millis());
        } else {
            try (batch) {
                String input = input(connection, batch.file());
                StatementRunner runner = new StatementRunner(connection);
                for (CompiledStatement statement : statements) {
                    SinkBuffer buffer = buffers.get(statement.sink());
                    long from = CommitDecisions.firstOffsetFor(buffer.committedEnd(), batch.start());
                    if (from < batch.end()) {
                        run(connection, runner, statement, buffer, input, batch, from, batch.payloadBytes(), clock.millis());
                    }
                }
            }
        }
        nextOffset = batch.end();
        unreadIngestMillis = nextOffset < log.endOffset() ? batch.lastIngestMillis() : -1;
        return true;
    }

    /**
     * Appends the statement's rows over the batch to its sink's table.
     *
     * @param payloadBytes the batch's bytes as the buffer has yet to count them: all of them, or none
     *                     for events it already awaits
     */
    private void run(Connection connection, StatementRunner runner, CompiledStatement statement, SinkBuffer buffer,
            String input, BatchPrefetcher.Batch batch, long from, long payloadBytes, long nowMillis) {
        StatementResult result = runner.run(statement, input, from, buffer.table());
        int deadLettered = deadLetters.write(statement.sink(), result.deadLetters(), this::event);
        long eventsWithRows = statement.atMostOneRowPerEvent() ? result.rows()
                : buffer.eventsWithNewRows(connection, result.rows());
        long considered = batch.end() - from;
        buffer.meters().recordsOut.increment(result.rows());
        buffer.meters().deadLettered.increment(deadLettered);
        buffer.meters().filtered.increment(Math.max(0, considered - eventsWithRows - result.deadLetters().size()));
        buffer.appended(result.rows(), payloadBytes * eventsWithRows / batch.records(), event(from).ingestTimeMillis(),
                nowMillis);
    }

    /** Keeps a batch's file for the direct roll of the one sink, which awaits its events. */
    private void await(BatchPrefetcher.Batch batch, long nowMillis) {
        SinkBuffer buffer = buffers.get(statements.getFirst().sink());
        long from = CommitDecisions.firstOffsetFor(buffer.committedEnd(), batch.start());
        if (from >= batch.end()) {
            batch.close();
            return;
        }
        discardPrepared();
        awaiting.add(batch);
        long events = batch.end() - from;
        buffer.awaiting(events, batch.payloadBytes() * events / batch.records(), event(from).ingestTimeMillis(), nowMillis);
    }

    /**
     * Writes the awaited events' rows straight into the sink's file and commits it; when their ingest
     * times span several partitions, or a value fails, appends their rows to the sink's table and
     * rolls that instead. A file written ahead for exactly these events ({@link #prepareRoll}) is
     * used as it is.
     */
    private void rollDirectly(Connection connection, SinkBuffer buffer, SinkFiles files, Instant now, RollReason reason) {
        if (prepared != null && prepared.end() != nextOffset) {
            discardPrepared();
        }
        Optional<DirectFile> written = prepared != null ? prepared.file() : writeDirectly(connection, buffer, files);
        prepared = null;
        wastedEvents = 0;
        long from = buffer.committedEnd();
        try {
            if (written.isPresent()) {
                ScratchFile scratch = written.get().scratch();
                buffer.meters().recordsOut.increment(scratch.rows());
                buffer.meters().filtered.increment(nextOffset - from - scratch.rows());
                buffer.rollWritten(connection, nextOffset, now, reason, files, scratch, written.get().partition());
            } else {
                CompiledStatement statement = statements.getFirst();
                StatementRunner runner = new StatementRunner(connection);
                for (BatchPrefetcher.Batch batch : awaiting) {
                    run(connection, runner, statement, buffer, loader.relation(batch.file()), batch,
                            Math.max(from, batch.start()), 0, now.toEpochMilli());
                }
                buffer.roll(connection, nextOffset, now, reason);
            }
        } finally {
            written.ifPresent(DirectFile::close);
            awaiting.forEach(BatchPrefetcher.Batch::close);
            awaiting.clear();
        }
    }

    /**
     * The sink's file of the awaited events, written by one run of the statement over all their batch
     * files; empty when their ingest times span several partitions or DuckDB fails a value.
     */
    private Optional<DirectFile> writeDirectly(Connection connection, SinkBuffer buffer, SinkFiles files) {
        long earliest = awaiting.stream().mapToLong(BatchPrefetcher.Batch::earliestIngestMillis).min().orElseThrow();
        long latest = awaiting.stream().mapToLong(BatchPrefetcher.Batch::latestIngestMillis).max().orElseThrow();
        Optional<String> partition = files.partitionOf(Instant.ofEpochMilli(earliest), Instant.ofEpochMilli(latest));
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        String input = loader.relation(awaiting.stream().map(BatchPrefetcher.Batch::file).toList());
        return new StatementRunner(connection).write(statements.getFirst(), input, buffer.committedEnd(),
                query -> new DirectFile(files.writeScratch(connection, query), partition.get()));
    }

    /**
     * Writes the file of the sink's next direct roll now, when the reader has just caught up with a
     * backlog ({@link RollDecision#writeAhead}): the roll is then most likely due by inactivity, and
     * its file is ready when it is, rather than the wait and the write following one another. New
     * events make the file useless: the roll then writes it again, with them.
     *
     * @return whether it wrote the file
     */
    boolean prepareRoll(Connection connection) {
        if (direct.isEmpty() || awaiting.isEmpty() || prepared != null) {
            return false;
        }
        SinkBuffer buffer = buffers.get(statements.getFirst().sink());
        long events = nextOffset - buffer.committedEnd();
        if (!RollDecision.writeAhead(awaiting.stream().anyMatch(BatchPrefetcher.Batch::behind), events, wastedEvents)) {
            return false;
        }
        prepared = new PreparedRoll(nextOffset, events, writeDirectly(connection, buffer, direct.get()));
        return true;
    }

    /** Deletes the file written ahead, which new events made useless. */
    private void discardPrepared() {
        if (prepared != null) {
            wastedEvents = prepared.events();
            prepared.file().ifPresent(DirectFile::close);
            prepared = null;
        }
    }

    /** One event of the stream, read again: only for the few the runner needs whole after their batch was written. */
    private LogRecord event(long offset) {
        return log.read(offset, 1, 1).getFirst();
    }

    /**
     * What the statements read the batch from. One statement reads the file directly, which spares
     * DuckDB a copy of every column; several share a table loaded from it once, rather than each
     * parsing the JSON again.
     */
    private String input(Connection connection, BatchFile batch) {
        if (statements.size() == 1) {
            return loader.relation(batch);
        }
        loader.load(connection, batch, BATCH_TABLE);
        return SqlLiterals.identifier(BATCH_TABLE);
    }

    /** Rolls the buffers that are due, then moves the consumer past what every sink committed. */
    void rollDue(Connection connection, Instant now) {
        boolean rolled = false;
        for (SinkBuffer buffer : ownBuffers) {
            var reason = buffer.rollDue(now.toEpochMilli());
            if (reason.isPresent()) {
                if (direct.isPresent()) {
                    rollDirectly(connection, buffer, direct.get(), now, reason.get());
                } else {
                    buffer.roll(connection, nextOffset, now, reason.get());
                }
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

    /** Stops reading ahead; what was read but not processed is read again by the next session. */
    @Override
    public void close() {
        discardPrepared();
        batches.close();
        awaiting.forEach(BatchPrefetcher.Batch::close);
        awaiting.clear();
    }
}
