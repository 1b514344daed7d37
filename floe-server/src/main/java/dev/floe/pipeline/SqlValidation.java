package dev.floe.pipeline;

import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineSettings;
import dev.floe.pipeline.sql.Catalog;
import dev.floe.pipeline.sql.CompiledPipeline;
import dev.floe.pipeline.sql.PipelineSql;
import dev.floe.sink.SinkService;
import dev.floe.stream.StreamService;
import java.time.Clock;
import java.time.Instant;

/**
 * Compiles pipeline SQL against the streams and sinks that exist now: for Cloudflare's
 * {@code validate_sql}, and for creating and starting pipelines. The embedded DuckDB it compiles with
 * is opened on first use, so that a server that never compiles SQL does not pay for loading it.
 */
public final class SqlValidation implements AutoCloseable {
    private final Catalog catalog;
    private final EngineSettings engineSettings;
    private final Clock clock;
    private DuckDbEngine engine;
    private PipelineSql compiler;

    public SqlValidation(StreamService streams, SinkService sinks, EngineSettings engineSettings, Clock clock) {
        this.catalog = new CurrentCatalog(streams, sinks);
        this.engineSettings = engineSettings;
        this.clock = clock;
    }

    /**
     * Compiles {@code sql}.
     *
     * @throws dev.floe.error.FloeException {@code INVALID_REQUEST} naming the problem and its position
     */
    public CompiledPipeline validate(String sql) {
        return compile(sql, clock.instant());
    }

    /**
     * Compiles {@code sql} for a pipeline that started at {@code startedAt}, the value of its {@code now()}.
     *
     * @throws dev.floe.error.FloeException {@code INVALID_REQUEST} naming the problem and its position
     */
    public CompiledPipeline compile(String sql, Instant startedAt) {
        return compiler().compile(sql, catalog, startedAt);
    }

    private synchronized PipelineSql compiler() {
        if (compiler == null) {
            engine = DuckDbEngine.open(engineSettings);
            compiler = new PipelineSql(engine);
        }
        return compiler;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
