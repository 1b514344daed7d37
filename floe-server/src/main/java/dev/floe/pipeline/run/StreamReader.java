package dev.floe.pipeline.run;

import dev.floe.engine.BatchFile;
import dev.floe.engine.BatchLoader;
import dev.floe.engine.SqlLiterals;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.pipeline.sql.StatementResult;
import dev.floe.pipeline.sql.StatementRunner;
import dev.floe.sink.file.FileInParts;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a running pipeline does with one of its streams: reads it in micro-batches from where the
 * pipeline's consumer committed, runs the statements that read it, feeds their sinks' buffers, rolls
 * them, and moves the consumer once the sinks committed.
 *
 * <p>A stream that one statement reads, into a file sink that it alone writes, is rolled directly:
 * the statement writes the sink's file itself, in parts ({@link FileInParts}), each over the batch
 * files that came since the last part once they hold four full batches' bytes, and the last at the
 * roll: DuckDB converts a long roll's events while the next ones are read, as it would convert one
 * file alone, and a roll of fewer events in one part, at the roll. Until a roll of the sink taught
 * the size estimate how much of its input a file takes, the first part comes once the events hold
 * half the sink's size target, and teaches it: a first roll by size is then as large as the next
 * ones, rather than what the guess makes of it (a fifth of the target for events in zstd Parquet).
 * Its batch files are plain (the records alone, no offsets or ingest times for DuckDB to parse), and
 * each is deleted once it is in a part. Only when the roll's events span several partitions, a value
 * fails the statement, or the parts cannot be joined, do they go through the sink's table, read again
 * from the log at the roll (the table finds the events at fault); counting the rows then waits for
 * the roll.
 */
final class StreamReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);

    /**
     * Batches as large as this measured a third faster than batches of 100,000 records: DuckDB's
     * reader keeps both threads busy but for the end of each file, and every statement has a fixed
     * cost. The memory they take is on disk (the batch file) and in the sink's buffer, where the rows
     * go anyway.
     */
    private static final int MAX_BATCH_RECORDS = 1_000_000;
    private static final long MAX_BATCH_BYTES = 128L << 20;
    private static final String BATCH_TABLE = "floe_batch";
    private static final int BATCHES_PER_PART = 4;

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
    /**
     * The events' bytes that make a direct roll's part, {@link #BATCHES_PER_PART} full batches' worth:
     * every part is a {@code COPY} of its own, whose start and single-threaded end cost DuckDB a tenth
     * more over five parts than over one, and the joined file keeps each part's last, smaller row group.
     * Fewer than that wait on disk for the roll or the next part.
     */
    private final long partBytes;
    /** The batches the next direct roll awaits that are not in its file yet. */
    private final List<BatchPrefetcher.Batch> awaiting = new ArrayList<>();
    /** The next direct roll's file, holding the rows of the awaited batches before {@link #awaiting}; null before its first part. */
    private FileInParts file;
    private String filePartition;
    /** Whether the awaited events cannot be written directly, and go through the sink's table at the roll. */
    private boolean throughTable;
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
        this.direct = statements.size() == 1 && statements.getFirst().atMostOneRowPerEvent()
                ? buffers.get(statements.getFirst().sink()).directFiles() : Optional.empty();
        // a direct roll's parts read whole batch files and need neither offsets nor ingest times
        this.batches = new BatchPrefetcher(pipeline, log, loader, MAX_BATCH_RECORDS, maxBatchBytes, direct.isPresent());
        this.partBytes = BATCHES_PER_PART * maxBatchBytes;
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
            await(connection, batch, clock.millis());
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
                batch.latestIngestMillis(), nowMillis);
    }

    /**
     * Takes a batch's events for the direct roll of the one sink, which awaits them, and writes the
     * next part of the roll's file once enough events await it.
     */
    private void await(Connection connection, BatchPrefetcher.Batch read, long nowMillis) {
        SinkBuffer buffer = buffers.get(statements.getFirst().sink());
        long from = CommitDecisions.firstOffsetFor(buffer.committedEnd(), read.start());
        if (from >= read.end()) {
            read.close();
            return;
        }
        BatchPrefetcher.Batch batch = read;
        if (from > read.start()) {
            // a plain file has no offsets to leave the committed events out by: read the rest alone
            read.close();
            batch = readAgain(from, read.end(), true);
        }
        if (throughTable) {
            batch.close();
        } else {
            awaiting.add(batch);
        }
        long events = batch.end() - from;
        buffer.awaiting(events, batch.payloadBytes() * events / batch.records(), event(from).ingestTimeMillis(),
                batch.latestIngestMillis(), nowMillis);
        OptionalLong learnFrom = buffer.inputBytesToLearnRatioFrom();
        if (writePart(connection, buffer, direct.orElseThrow(), learnFrom.orElse(partBytes)) && learnFrom.isPresent()) {
            file.bytesSoFar().ifPresent(buffer::learnRatio);
        }
    }

    /**
     * Writes the awaited batches not yet in the roll's file into its next part, when their events are
     * at least {@code minBytes}, and deletes them; notes that the roll must go through the table when
     * their ingest times fall outside the file's partition or a value fails the statement.
     *
     * @return whether it wrote a part: the file then holds every awaited event
     */
    private boolean writePart(Connection connection, SinkBuffer buffer, SinkFiles files, long minBytes) {
        if (throughTable || awaiting.isEmpty()
                || awaiting.stream().mapToLong(BatchPrefetcher.Batch::payloadBytes).sum() < minBytes) {
            return false;
        }
        long earliest = awaiting.stream().mapToLong(BatchPrefetcher.Batch::earliestIngestMillis).min().orElseThrow();
        long latest = awaiting.stream().mapToLong(BatchPrefetcher.Batch::latestIngestMillis).max().orElseThrow();
        Optional<String> partition = files.partitionOf(Instant.ofEpochMilli(earliest), Instant.ofEpochMilli(latest));
        if (partition.isEmpty() || (file != null && !partition.get().equals(filePartition))) {
            goThroughTable();
            return false;
        }
        if (file == null) {
            file = files.startFile();
            filePartition = partition.get();
        }
        String input = loader.relation(awaiting.stream().map(BatchPrefetcher.Batch::file).toList());
        FileInParts into = file;
        long started = System.nanoTime();
        if (new StatementRunner(connection).write(statements.getFirst(), input, query -> {
            into.append(connection, query);
            return query;
        }).isEmpty()) {
            goThroughTable();
            return false;
        }
        LOG.debug("Pipeline {} sink {}: wrote offsets {}..{} into a part of the next roll's file in {} ms", pipeline,
                buffer.sink().name(), awaiting.getFirst().start(), awaiting.getLast().end() - 1,
                (System.nanoTime() - started) / 1_000_000);
        closeAwaiting();
        return true;
    }

    /** The awaited events go through the sink's table at the roll, read again from the log then. */
    private void goThroughTable() {
        throughTable = true;
        closeFile();
        closeAwaiting();
    }

    private void closeAwaiting() {
        awaiting.forEach(BatchPrefetcher.Batch::close);
        awaiting.clear();
    }

    private void closeFile() {
        if (file != null) {
            file.close();
            file = null;
        }
    }

    /**
     * Writes the last part of the sink's file, of the awaited events that are not in it yet, and
     * commits the file; when their ingest times span several partitions, a value fails, or the parts
     * cannot be joined, reads the awaited events again, appends their rows to the sink's table and
     * rolls that instead.
     */
    private void rollDirectly(Connection connection, SinkBuffer buffer, SinkFiles files, Instant now, RollReason reason) {
        long from = buffer.committedEnd();
        try {
            writePart(connection, buffer, files, 0);
            Optional<ScratchFile> written = !throughTable && file != null ? file.finish() : Optional.empty();
            if (written.isPresent()) {
                try (ScratchFile scratch = written.get()) {
                    file = null;
                    buffer.meters().recordsOut.increment(scratch.rows());
                    buffer.meters().filtered.increment(nextOffset - from - scratch.rows());
                    buffer.rollWritten(connection, nextOffset, now, reason, files, scratch, filePartition);
                }
            } else {
                CompiledStatement statement = statements.getFirst();
                StatementRunner runner = new StatementRunner(connection);
                for (long start = from; start < nextOffset; ) {
                    try (BatchPrefetcher.Batch batch = readAgain(start, nextOffset, false)) {
                        run(connection, runner, statement, buffer, loader.relation(batch.file()), batch, start, 0,
                                now.toEpochMilli());
                        start = batch.end();
                    }
                }
                buffer.roll(connection, nextOffset, now, reason);
            }
        } finally {
            closeFile();
            closeAwaiting();
            throughTable = false;
        }
    }

    /** The records from {@code from} up to {@code end}, or as many as a batch holds, read again from the log. */
    private BatchPrefetcher.Batch readAgain(long from, long end, boolean plain) {
        BatchPrefetcher.Batch batch = batches.readAgain(from, end, plain);
        if (batch == null) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "pipeline " + pipeline + " cannot read offsets " + from + ".."
                    + (end - 1) + " of its stream again; it starts over from its last commit");
        }
        return batch;
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
            var reason = buffer.rollDue(now.toEpochMilli(), nextOffset >= log.endOffset());
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
        closeFile();
        batches.close();
        closeAwaiting();
    }
}
