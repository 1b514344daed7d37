package dev.floe.pipeline.run;

import dev.floe.bucket.BucketService;
import dev.floe.catalog.CatalogService;
import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineSettings;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.AtomicFiles;
import dev.floe.pipeline.PipelineDefinition;
import dev.floe.pipeline.PipelineRuns;
import dev.floe.pipeline.PipelineStatus;
import dev.floe.pipeline.sql.CompiledPipeline;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.sink.SinkService;
import dev.floe.sink.SinkType;
import dev.floe.stream.StreamDefinition;
import dev.floe.stream.StreamService;
import dev.floe.stream.log.StreamLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every pipeline, one {@link PipelineRunner} each, over one embedded DuckDB that it opens when the
 * first pipeline starts.
 */
public final class PipelineSupervisor implements PipelineRuns {
    private final StreamService streams;
    private final SinkService sinks;
    private final BucketService buckets;
    private final CatalogService catalogs;
    private final EngineSettings engineSettings;
    private final Path stateDirectory;
    private final MeterRegistry registry;
    private final Clock clock;
    private final CommitHooks hooks;
    private final Map<String, PipelineRunner> runners = new ConcurrentHashMap<>();
    private final Map<String, PipelineMeters> meters = new ConcurrentHashMap<>();
    private final Map<String, PipelineStatus> failedBeforeStart = new ConcurrentHashMap<>();
    private DuckDbEngine engine;

    /**
     * @param stateDirectory where pipelines keep their commit records and dead letters
     * @param hooks          called at each step of every roll; {@link CommitHooks#NONE} but in crash tests
     */
    public PipelineSupervisor(StreamService streams, SinkService sinks, BucketService buckets, CatalogService catalogs,
            EngineSettings engineSettings,
            Path stateDirectory, MeterRegistry registry, Clock clock, CommitHooks hooks) {
        this.streams = streams;
        this.sinks = sinks;
        this.buckets = buckets;
        this.catalogs = catalogs;
        this.engineSettings = engineSettings;
        this.stateDirectory = stateDirectory;
        this.registry = registry;
        this.clock = clock;
        this.hooks = hooks;
    }

    /** The name a pipeline's reader has among its stream's consumers. */
    public static String consumerName(String pipelineId) {
        return "pipeline-" + pipelineId;
    }

    /** Where a pipeline's dead letters are written. */
    public Path deadLetterDirectory(String pipelineId) {
        return stateDirectory.resolve(pipelineId).resolve("dead-letters");
    }

    /**
     * {@inheritDoc}
     *
     * <p>The tables of its table sinks are created now, or checked when they exist: a table that
     * cannot take the rows refuses the pipeline ({@code INVALID_REQUEST}) before anything of it runs.
     */
    @Override
    public synchronized void start(PipelineDefinition pipeline, CompiledPipeline pipelineSql) {
        RunnerContext context = context();
        pipelineSql.statements().stream().map(CompiledStatement::sink).distinct().map(sinks::get)
                .filter(sink -> sink.type() == SinkType.R2_DATA_CATALOG)
                .forEach(sink -> RollTargets.open(sink, pipelineSql, context));
        for (CompiledStatement statement : pipelineSql.statements()) {
            StreamLog log = streams.log(streams.get(statement.stream()));
            log.registerConsumer(consumerName(pipeline.id()), log.startOffset());
        }
        PipelineRunner runner = new PipelineRunner(pipeline, pipelineSql, context,
                meters.computeIfAbsent(pipeline.id(), ignored -> new PipelineMeters(registry, pipeline.name())));
        runners.put(pipeline.id(), runner);
        failedBeforeStart.remove(pipeline.id());
        runner.start();
    }

    private RunnerContext context() {
        if (engine == null) {
            engine = DuckDbEngine.open(engineSettings);
        }
        return new RunnerContext(streams, sinks, buckets, catalogs, engine, stateDirectory, hooks, clock);
    }

    @Override
    public void markFailed(PipelineDefinition pipeline, String reason) {
        failedBeforeStart.put(pipeline.id(), PipelineStatus.failed(reason));
    }

    @Override
    public PipelineStatus status(String pipelineId) {
        PipelineRunner runner = runners.get(pipelineId);
        if (runner != null) {
            return runner.status();
        }
        return failedBeforeStart.getOrDefault(pipelineId, PipelineStatus.RUNNING);
    }

    @Override
    public synchronized void delete(String pipelineId) {
        PipelineRunner runner = runners.remove(pipelineId);
        if (runner != null) {
            runner.stop();
        }
        failedBeforeStart.remove(pipelineId);
        PipelineMeters pipelineMeters = meters.remove(pipelineId);
        if (pipelineMeters != null) {
            pipelineMeters.close();
        }
        // Every stream, not only those of its SQL: a pipeline that could not start since it was
        // created may still be registered with a stream it read then.
        for (StreamDefinition stream : streams.list(null)) {
            StreamLog log = streams.log(stream);
            if (log.consumers().containsKey(consumerName(pipelineId))) {
                log.removeConsumer(consumerName(pipelineId));
            }
        }
        try {
            AtomicFiles.deleteTree(stateDirectory.resolve(pipelineId));
        } catch (IOException e) {
            throw new FloeException(ErrorCode.UNAVAILABLE, "cannot delete the commit records of pipeline " + pipelineId
                    + " in " + stateDirectory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        runners.values().forEach(PipelineRunner::stop);
        runners.clear();
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
