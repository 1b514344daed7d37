package dev.floe.pipeline.run;

import dev.floe.engine.BatchLoader;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.pipeline.PipelineDefinition;
import dev.floe.pipeline.PipelineStatus;
import dev.floe.pipeline.sql.CompiledPipeline;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.sink.SinkDefinition;
import dev.floe.stream.StreamDefinition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline on a thread of its own, with a DuckDB connection of its own: recovers each sink's
 * interrupted roll, then reads, transforms, buffers and rolls until stopped.
 *
 * <p>When storage is unavailable for a while (an S3 endpoint down, a full disk), the runner drops
 * everything it buffered and starts over from its commit records after a growing pause, exactly as
 * after a crash: the protocol that makes a crash safe makes a retry safe. Any other error stops the
 * pipeline with status {@code failed} and the error as its reason.
 */
final class PipelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final PipelineDefinition pipeline;
    private final CompiledPipeline compiled;
    private final RunnerContext context;
    private final PipelineMeters meters;
    private final Object wakeUp = new Object();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile PipelineStatus status = PipelineStatus.RUNNING;

    PipelineRunner(PipelineDefinition pipeline, CompiledPipeline compiled, RunnerContext context, PipelineMeters meters) {
        this.pipeline = pipeline;
        this.compiled = compiled;
        this.context = context;
        this.meters = meters;
        this.thread = Thread.ofPlatform().name("pipeline-" + pipeline.name()).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    PipelineStatus status() {
        return status;
    }

    /** Stops the runner and waits for it; rows it buffered but did not commit are read again at the next start. */
    void stop() {
        stopping = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (!stopping) {
            try (Connection connection = context.engine().connect()) {
                runSession(connection);
            } catch (FloeException e) {
                if (!transientFailure(e)) {
                    fail(e.getMessage(), e);
                    return;
                }
                LOG.warn("Pipeline {} cannot go on for now, and starts again from its last commit in {} s: {}",
                        pipeline.name(), retry.toSeconds(), e.getMessage());
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } catch (SQLException | RuntimeException e) {
                fail("unexpected error: " + e.getMessage(), e);
                return;
            }
        }
    }

    private static boolean transientFailure(FloeException e) {
        return e.code() == ErrorCode.UNAVAILABLE || e.code() == ErrorCode.TOO_MANY_REQUESTS;
    }

    private void fail(String reason, Exception cause) {
        status = PipelineStatus.failed(reason);
        LOG.error("Pipeline {} failed and stopped: {}", pipeline.name(), reason, cause);
    }

    private void runSession(Connection connection) {
        Path directory = context.pipelineDirectory(pipeline.id());
        Map<String, SinkBuffer> buffers = openSinks(directory);
        DeadLetterFiles deadLetters = new DeadLetterFiles(directory.resolve("dead-letters"));
        List<StreamReader> readers = openReaders(buffers, deadLetters);
        try {
            LOG.debug("Pipeline {} running with {} sink(s) over {} stream(s)", pipeline.name(), buffers.size(), readers.size());
            process(connection, readers);
        } finally {
            readers.forEach(StreamReader::close);
        }
    }

    private void process(Connection connection, List<StreamReader> readers) {
        while (!stopping) {
            boolean worked = false;
            for (StreamReader reader : readers) {
                worked |= reader.step(connection, context.clock());
            }
            Instant now = context.clock().instant();
            for (StreamReader reader : readers) {
                reader.rollDue(connection, now);
            }
            reportLag(readers, now.toEpochMilli());
            if (!worked) {
                pause(IDLE_POLL);
            }
        }
    }

    private Map<String, SinkBuffer> openSinks(Path directory) {
        Map<String, SinkBuffer> buffers = new LinkedHashMap<>();
        for (CompiledStatement statement : compiled.statements()) {
            if (buffers.containsKey(statement.sink())) {
                continue;
            }
            SinkDefinition sink = context.sinks().get(statement.sink());
            int writers = (int) compiled.statements().stream().filter(other -> other.sink().equals(statement.sink())).count();
            SinkBuffer buffer = new SinkBuffer(pipeline.name(), pipeline.id(), sink, RollTargets.open(sink, compiled, context),
                    new SinkCommitLog(directory.resolve("sinks").resolve(sink.name() + ".json")),
                    "floe_buffer_" + buffers.size(), writers, meters.sink(sink.name()), context.hooks());
            buffer.recover();
            buffers.put(statement.sink(), buffer);
        }
        return buffers;
    }

    private List<StreamReader> openReaders(Map<String, SinkBuffer> buffers, DeadLetterFiles deadLetters) {
        Map<String, List<CompiledStatement>> byStream = new LinkedHashMap<>();
        compiled.statements().forEach(statement ->
                byStream.computeIfAbsent(statement.stream(), ignored -> new ArrayList<>()).add(statement));
        List<StreamReader> readers = new ArrayList<>();
        byStream.forEach((streamName, statements) -> {
            StreamDefinition stream = context.streams().get(streamName);
            readers.add(new StreamReader(pipeline.name(), PipelineSupervisor.consumerName(pipeline.id()),
                    context.streams().log(stream), new BatchLoader(stream.schema(), context.engine().workDirectory()),
                    statements, buffers, deadLetters, meters, context.hooks()));
        });
        return readers;
    }

    private void reportLag(List<StreamReader> readers, long nowMillis) {
        long records = 0;
        long oldest = -1;
        for (StreamReader reader : readers) {
            records += reader.lagRecords();
            long pending = reader.oldestPendingIngestMillis();
            if (pending >= 0 && (oldest < 0 || pending < oldest)) {
                oldest = pending;
            }
        }
        meters.lag(records, oldest < 0 ? 0 : Math.max(0, nowMillis - oldest));
    }

    private void pause(Duration duration) {
        synchronized (wakeUp) {
            if (stopping) {
                return;
            }
            try {
                wakeUp.wait(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }
}
