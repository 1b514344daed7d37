package dev.floe.pipeline;

import dev.floe.engine.DuckDbEngine;
import dev.floe.engine.EngineSettings;
import dev.floe.pipeline.sql.Catalog;
import dev.floe.pipeline.sql.CompiledPipeline;
import dev.floe.pipeline.sql.PipelineSql;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.SinkService;
import dev.floe.stream.StreamDefinition;
import dev.floe.stream.StreamService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Checks pipeline SQL against the streams and sinks that exist now, as Cloudflare's
 * {@code validate_sql} does. The embedded DuckDB it compiles with is opened on first use, so that a
 * server that never validates SQL does not pay for loading it.
 */
public final class SqlValidation implements AutoCloseable {
    private final StreamService streams;
    private final SinkService sinks;
    private final EngineSettings engineSettings;
    private final Clock clock;
    private DuckDbEngine engine;
    private PipelineSql compiler;

    public SqlValidation(StreamService streams, SinkService sinks, EngineSettings engineSettings, Clock clock) {
        this.streams = streams;
        this.sinks = sinks;
        this.engineSettings = engineSettings;
        this.clock = clock;
    }

    /**
     * Compiles {@code sql}.
     *
     * @throws dev.floe.error.FloeException {@code INVALID_REQUEST} naming the problem and its position
     */
    public CompiledPipeline validate(String sql) {
        return compiler().compile(sql, new CurrentCatalog(), clock.instant());
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

    /** The streams and sinks as they are at the moment of the lookup. */
    private final class CurrentCatalog implements Catalog {
        @Override
        public Optional<Stream> stream(String name) {
            return streams.list(null).stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                    .map(s -> new Stream(s.name(), s.schema()));
        }

        @Override
        public boolean sinkExists(String name) {
            return sinks.list().stream().anyMatch(sink -> sink.name().equalsIgnoreCase(name));
        }

        @Override
        public List<String> streamNames() {
            return streams.list(null).stream().map(StreamDefinition::name).sorted(String.CASE_INSENSITIVE_ORDER).toList();
        }

        @Override
        public List<String> sinkNames() {
            return sinks.list().stream().map(SinkDefinition::name).sorted(String.CASE_INSENSITIVE_ORDER).toList();
        }
    }
}
