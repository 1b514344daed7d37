package dev.floe.pipeline.run;

import dev.floe.engine.StreamColumns;
import dev.floe.pipeline.sql.CompiledPipeline;
import dev.floe.pipeline.sql.CompiledStatement;
import dev.floe.sink.RollTarget;
import dev.floe.sink.SinkDefinition;
import dev.floe.sink.SinkType;
import dev.floe.sink.file.SinkFiles;
import dev.floe.sink.iceberg.TableSink;
import java.util.List;

/** Opens what each kind of sink rolls into: files in a bucket, or an Iceberg table of its catalog. */
final class RollTargets {

    private RollTargets() {
    }

    /**
     * Opens the target of one of a pipeline's sinks. For a table sink this creates the table when it
     * does not exist, and refuses ({@code INVALID_REQUEST}) an existing one that cannot take the rows.
     */
    static RollTarget open(SinkDefinition sink, CompiledPipeline pipeline, RunnerContext context) {
        if (sink.type() == SinkType.R2_DATA_CATALOG) {
            return TableSink.open(sink, context.catalogs().catalog(sink.bucket()).tables(), columns(sink, pipeline),
                    context.engine().workDirectory());
        }
        return new SinkFiles(sink, context.buckets().open(sink.bucket()), context.engine().workDirectory());
    }

    /** What the pipeline writes to the sink: every statement writing it writes the same columns. */
    private static List<StreamColumns.Column> columns(SinkDefinition sink, CompiledPipeline pipeline) {
        CompiledStatement statement = pipeline.statements().stream().filter(s -> s.sink().equals(sink.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the pipeline does not write to sink " + sink.name()));
        return statement.outputSchema().stream().map(column -> new StreamColumns.Column(column.name(), column.type()))
                .toList();
    }
}
