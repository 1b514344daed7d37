package dev.floe.pipeline;

import dev.floe.engine.CloudflareTypes;
import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import dev.floe.io.DefinitionStore;
import dev.floe.pipeline.sql.CompiledPipeline;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.SinkService;
import dev.floe.stream.StreamDefinition;
import dev.floe.stream.StreamService;
import dev.floe.stream.schema.StreamSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipelines: creating, listing and deleting them, and starting them through {@link PipelineRuns}. A
 * pipeline's SQL is compiled against the streams and sinks that exist when it is created (nothing is
 * stored when it does not compile) and again at every start of the server, where a pipeline whose SQL
 * no longer compiles is kept, failed, with the reason.
 *
 * <p>A sink has at most one pipeline writing to it: exactly-once delivery then rests on one writer's
 * commits. Streams and sinks are deleted through here, under the lock that creating a pipeline holds,
 * so that no pipeline starts on a stream or sink that is being deleted.
 */
public final class PipelineService {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineService.class);
    private static final Comparator<PipelineDefinition> OLDEST_FIRST =
            Comparator.comparing(PipelineDefinition::createdAt).thenComparing(PipelineDefinition::name);

    private final DefinitionStore<PipelineDefinition> definitions;
    private final StreamService streams;
    private final SinkService sinks;
    private final CurrentCatalog catalog;
    private final SqlValidation compiler;
    private final PipelineRuns runs;
    private final Clock clock;
    /** What each started pipeline's SQL compiled to, by pipeline id; one that could not start has none. */
    private final Map<String, CompiledPipeline> compiled = new ConcurrentHashMap<>();
    private final Object controlLock = new Object();

    /** Loads every stored pipeline and starts it, oldest first, or marks it failed when it cannot start. */
    public PipelineService(Path definitionsDirectory, StreamService streams, SinkService sinks, SqlValidation compiler,
                           PipelineRuns runs, Clock clock) {
        this.definitions = new DefinitionStore<>(definitionsDirectory, "pipeline", DefinitionStore.Codec.of(
                PipelineDefinition::id, PipelineDefinition::name, PipelineDefinitionCodec::toJson,
                PipelineDefinitionCodec::fromJson));
        this.streams = streams;
        this.sinks = sinks;
        this.catalog = new CurrentCatalog(streams, sinks);
        this.compiler = compiler;
        this.runs = runs;
        this.clock = clock;
        for (PipelineDefinition pipeline : definitions.all(OLDEST_FIRST)) {
            resume(pipeline);
        }
    }

    private void resume(PipelineDefinition pipeline) {
        CompiledPipeline sql;
        try {
            // now() stays fixed at the creation, so that what is read again after a restart yields the same rows.
            sql = compiler.compile(pipeline.sql(), pipeline.createdAt());
        } catch (FloeException e) {
            fail(pipeline, "its SQL no longer compiles against the streams and sinks that exist: " + e.getMessage());
            return;
        }
        try {
            checkSinksAreFree(sql);
            runs.start(pipeline, sql);
        } catch (FloeException e) {
            fail(pipeline, e.getMessage());
            return;
        }
        compiled.put(pipeline.id(), sql);
        LOG.info("Started pipeline {} ({})", pipeline.name(), pipeline.id());
    }

    /** Keeps a pipeline that cannot start, so that its owner sees why and can delete it; the others start. */
    private void fail(PipelineDefinition pipeline, String reason) {
        runs.markFailed(pipeline, reason);
        LOG.warn("Pipeline {} ({}) cannot start: {}", pipeline.name(), pipeline.id(), reason);
    }

    /**
     * Compiles, stores and starts a pipeline. When compiling fails, or a sink it writes already has a
     * writer, nothing is stored; when starting fails, what was stored is removed again.
     *
     * @throws FloeException {@code INVALID_REQUEST} for an invalid name or SQL (naming the line and
     *     column), {@code CONFLICT} for a name in use or a sink that another pipeline writes
     */
    public PipelineDefinition create(String name, String sql) {
        DefinitionStore.validateName("pipeline", name);
        synchronized (controlLock) {
            definitions.byName(name).ifPresent(existing -> {
                throw new FloeException(ErrorCode.CONFLICT, "a pipeline named '" + name + "' already exists (id "
                        + existing.id() + "); choose another name, or delete it first: pipelines cannot be changed");
            });
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            CompiledPipeline compiledSql = compiler.compile(sql, now);
            checkSinksAreFree(compiledSql);
            checkOneSchemaPerSink(compiledSql);
            PipelineDefinition pipeline = new PipelineDefinition(DefinitionStore.newId(), name, sql, now, now);
            storeAndStart(pipeline, compiledSql);
            PipelineTables tables = tables(pipeline);
            LOG.info("Created pipeline {} ({}) reading {} and writing {}", pipeline.name(), pipeline.id(),
                    tables.streams().stream().map(StreamDefinition::name).collect(Collectors.joining(", ")),
                    tables.sinks().stream().map(SinkDefinition::name).collect(Collectors.joining(", ")));
            return pipeline;
        }
    }

    private void storeAndStart(PipelineDefinition pipeline, CompiledPipeline sql) {
        definitions.put(pipeline);
        try {
            runs.start(pipeline, sql);
        } catch (RuntimeException e) {
            // A pipeline that never ran leaves nothing behind: no definition, no reader holding back retention.
            try {
                definitions.remove(pipeline);
                runs.delete(pipeline.id());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        compiled.put(pipeline.id(), sql);
    }

    /** Refuses SQL that writes to a sink another pipeline writes to. */
    private void checkSinksAreFree(CompiledPipeline sql) {
        for (CompiledStatement statement : sql.statements()) {
            catalog.sink(statement.sink()).flatMap(this::writerOf).ifPresent(writer -> {
                throw new FloeException(ErrorCode.CONFLICT, "sink '" + statement.sink() + "' is already written by "
                        + "pipeline '" + writer.name() + "' (id " + writer.id() + "); a sink takes one pipeline's "
                        + "output: write to another sink, or delete pipeline '" + writer.name() + "' first");
            });
        }
    }

    /** Statements of one pipeline may share a sink, but its files have one schema, so they must write the same columns. */
    private void checkOneSchemaPerSink(CompiledPipeline sql) {
        Map<String, CompiledStatement> first = new HashMap<>();
        for (CompiledStatement statement : sql.statements()) {
            String sinkId = catalog.sink(statement.sink()).map(SinkDefinition::id).orElse(statement.sink());
            CompiledStatement earlier = first.putIfAbsent(sinkId, statement);
            if (earlier != null && !earlier.outputSchema().equals(statement.outputSchema())) {
                throw new FloeException(ErrorCode.INVALID_REQUEST, statement.position() + ": this statement writes "
                        + "other columns to sink '" + statement.sink() + "' than the statement at "
                        + earlier.position() + "; statements that write one sink must write the same column names "
                        + "and types, in the same order");
            }
        }
    }

    /** Every pipeline, oldest first. */
    public List<PipelineDefinition> list() {
        return definitions.all(OLDEST_FIRST);
    }

    /** The pipeline with this id, or else this name. */
    public PipelineDefinition get(String idOrName) {
        return definitions.byIdOrName(idOrName).orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND,
                "pipeline '" + idOrName + "' does not exist; list pipelines with GET /pipelines/v1/pipelines"));
    }

    public PipelineStatus status(PipelineDefinition pipeline) {
        return runs.status(pipeline.id());
    }

    /** The streams and sinks a pipeline uses, as they are now; none for a pipeline that could not start. */
    public PipelineTables tables(PipelineDefinition pipeline) {
        CompiledPipeline sql = compiled.get(pipeline.id());
        if (sql == null) {
            return PipelineTables.NONE;
        }
        Map<String, StreamDefinition> read = new LinkedHashMap<>();
        Map<String, SinkDefinition> written = new LinkedHashMap<>();
        for (CompiledStatement statement : sql.statements()) {
            catalog.streamDefinition(statement.stream()).ifPresent(stream -> read.putIfAbsent(stream.id(), stream));
            catalog.sink(statement.sink()).ifPresent(sink -> written.putIfAbsent(sink.id(), sink));
        }
        return new PipelineTables(new ArrayList<>(read.values()), new ArrayList<>(written.values()));
    }

    /** The pipeline that writes to the sink, if one does. */
    public Optional<PipelineDefinition> writerOf(SinkDefinition sink) {
        return statementWriting(sink).flatMap(entry -> definitions.byId(entry.getKey()));
    }

    /**
     * What the sink's files hold: the columns its pipeline writes, in Cloudflare's field types; empty
     * while no pipeline writes to it.
     */
    public Optional<StreamSchema> sinkSchema(SinkDefinition sink) {
        return statementWriting(sink).map(entry -> new StreamSchema(entry.getValue().outputSchema().stream()
                .map(column -> CloudflareTypes.field(column.name(), column.type())).toList()));
    }

    /** The statement that writes to the sink, with the id of its pipeline. */
    private Optional<Map.Entry<String, CompiledStatement>> statementWriting(SinkDefinition sink) {
        for (Map.Entry<String, CompiledPipeline> pipeline : compiled.entrySet()) {
            for (CompiledStatement statement : pipeline.getValue().statements()) {
                if (catalog.sink(statement.sink()).map(SinkDefinition::id).filter(sink.id()::equals).isPresent()) {
                    return Optional.of(Map.entry(pipeline.getKey(), statement));
                }
            }
        }
        return Optional.empty();
    }

    /** The pipelines that read the stream, oldest first. */
    public List<PipelineDefinition> readersOf(StreamDefinition stream) {
        return list().stream().filter(pipeline -> tables(pipeline).streams().stream()
                .anyMatch(read -> read.id().equals(stream.id()))).toList();
    }

    /** Stops a pipeline and deletes it. The files it committed stay in their bucket. */
    public void delete(String idOrName) {
        synchronized (controlLock) {
            PipelineDefinition pipeline = get(idOrName);
            runs.delete(pipeline.id());
            definitions.remove(pipeline);
            compiled.remove(pipeline.id());
            LOG.info("Deleted pipeline {} ({})", pipeline.name(), pipeline.id());
        }
    }

    /**
     * Deletes a stream and its records.
     *
     * @param force delete it even while pipelines read it; they are left without their input
     * @throws FloeException {@code CONFLICT} naming the pipelines that read it, unless forced
     */
    public void deleteStream(String idOrName, boolean force) {
        synchronized (controlLock) {
            StreamDefinition stream = streams.get(idOrName);
            List<PipelineDefinition> readers = readersOf(stream);
            if (!force && !readers.isEmpty()) {
                String them = readers.size() == 1 ? "that pipeline" : "those pipelines";
                throw new FloeException(ErrorCode.CONFLICT, "stream '" + stream.name() + "' is read by "
                        + describe(readers) + "; delete " + them + " first, or delete the stream with force=true "
                        + "(floe pipelines streams delete --force), which leaves " + them + " without input");
            }
            streams.delete(stream.id(), force);
        }
    }

    /**
     * Deletes a sink. The files it wrote stay in their bucket.
     *
     * @throws FloeException {@code CONFLICT} naming the pipeline that writes to it
     */
    public void deleteSink(String idOrName) {
        synchronized (controlLock) {
            SinkDefinition sink = sinks.get(idOrName);
            writerOf(sink).ifPresent(writer -> {
                throw new FloeException(ErrorCode.CONFLICT, "sink '" + sink.name() + "' is written by "
                        + describe(List.of(writer)) + "; delete that pipeline first");
            });
            sinks.delete(sink.id());
        }
    }

    private static String describe(List<PipelineDefinition> pipelines) {
        return (pipelines.size() == 1 ? "pipeline " : "pipelines ") + pipelines.stream()
                .map(pipeline -> "'" + pipeline.name() + "' (id " + pipeline.id() + ")")
                .collect(Collectors.joining(", "));
    }
}
